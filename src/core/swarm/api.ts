import type { EventSubscription } from '../engine/types';
import type { RawSwarmEvent } from './events';
import type { NodeData, ServiceData, TaskData } from './types';

/** `Swarm` of `GET /info`: whether this engine is in a swarm, which node it is, and whether it manages. */
export interface SwarmState {
  /** `inactive`, `pending`, `active`, `error`, `locked` (moby `api/types/swarm.LocalNodeState`). */
  localNodeState: string;
  nodeId: string;
  /** Only a manager answers the services, tasks and nodes lists (a worker gets 503 "This node is not a swarm manager"). */
  manager: boolean;
}

export interface SwarmEventListener {
  onEvent(event: RawSwarmEvent): void;
  onEnd(error?: Error): void;
}

/**
 * The Engine API's Swarm calls the Swarm view needs; `DockerodeSwarmApi` implements them on the same
 * dockerode connection as the engine client, unit tests fake them.
 */
export interface SwarmApi {
  swarmState(): Promise<SwarmState>;
  /** `GET /services`. */
  listServices(): Promise<ServiceData[]>;
  /** `GET /tasks`, of one service when given (`filters={"service":[id]}`). */
  listTasks(serviceId?: string): Promise<TaskData[]>;
  /** `GET /nodes`. */
  listNodes(): Promise<NodeData[]>;
  /** `GET /events` for service, node and container events, open until closed or the engine goes away. */
  watchSwarmEvents(listener: SwarmEventListener): Promise<EventSubscription>;
}
