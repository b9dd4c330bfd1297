import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { followJsonEvents } from '../engine/dockerodeClient';
import type { EventSubscription } from '../engine/types';
import type { SwarmApi, SwarmEventListener } from './api';
import { SWARM_EVENT_FILTERS, type RawSwarmEvent } from './events';
import type { NodeData, ServiceData, TaskData } from './types';

/** The Swarm calls over a dockerode connection (the one the engine client of the same engine uses). */
export class DockerodeSwarmApi implements SwarmApi {
  constructor(private readonly docker: Docker) {}

  async listServices(): Promise<ServiceData[]> {
    return (await this.docker.listServices()) as unknown as ServiceData[];
  }

  async listTasks(serviceId?: string): Promise<TaskData[]> {
    return (await this.docker.listTasks(serviceId ? { filters: { service: [serviceId] } } : {})) as TaskData[];
  }

  async listNodes(): Promise<NodeData[]> {
    return (await this.docker.listNodes()) as NodeData[];
  }

  async watchSwarmEvents(listener: SwarmEventListener): Promise<EventSubscription> {
    const stream = (await this.docker.getEvents({ filters: SWARM_EVENT_FILTERS })) as unknown as Readable;
    return followJsonEvents(stream, (message) => listener.onEvent(message as RawSwarmEvent), (error) => listener.onEnd(error));
  }
}
