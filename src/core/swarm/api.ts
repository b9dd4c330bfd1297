import type { EventSubscription } from '../engine/types';
import type { RawSwarmEvent } from './events';
import type { NodeData, ServiceData, TaskData } from './types';

export interface SwarmEventListener {
  onEvent(event: RawSwarmEvent): void;
  onEnd(error?: Error): void;
}

/**
 * The Engine API's calls about a swarm's objects, which only a manager answers; `DockerodeSwarmApi`
 * implements them on the engine client's own dockerode connection, unit tests fake them. Whether the
 * engine is in a swarm at all is the engine client's `swarmState()`.
 */
export interface SwarmApi {
  /** `GET /services`. */
  listServices(): Promise<ServiceData[]>;
  /** `GET /tasks`, of one service when given (`filters={"service":[id]}`). */
  listTasks(serviceId?: string): Promise<TaskData[]>;
  /** `GET /nodes`. */
  listNodes(): Promise<NodeData[]>;
  /** Service, node and task-container events (of the engine's one `GET /events` stream), until closed or the engine goes away. */
  watchSwarmEvents(listener: SwarmEventListener): Promise<EventSubscription>;
}
