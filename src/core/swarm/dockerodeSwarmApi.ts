import type Docker from 'dockerode';
import type { EventSubscription } from '../engine/types';
import type { SwarmApi, SwarmEventListener } from './api';
import type { NodeData, ServiceData, TaskData } from './types';

/**
 * The Swarm calls over a dockerode connection (the one the engine client of the same engine uses). The
 * events come from that engine's one events stream (`EngineEventListener.onSwarmEvent`): `follow`
 * subscribes to it, so a Swarm view opens no second stream.
 */
export class DockerodeSwarmApi implements SwarmApi {
  constructor(
    private readonly docker: Docker,
    private readonly follow: (listener: SwarmEventListener) => Promise<EventSubscription>,
  ) {}

  async listServices(): Promise<ServiceData[]> {
    return (await this.docker.listServices()) as unknown as ServiceData[];
  }

  async listTasks(serviceId?: string): Promise<TaskData[]> {
    return (await this.docker.listTasks(serviceId ? { filters: { service: [serviceId] } } : {})) as TaskData[];
  }

  async listNodes(): Promise<NodeData[]> {
    return (await this.docker.listNodes()) as NodeData[];
  }

  watchSwarmEvents(listener: SwarmEventListener): Promise<EventSubscription> {
    return this.follow(listener);
  }
}
