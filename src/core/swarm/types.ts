import type { Health } from '../engine/types';

/**
 * The parts of the Engine API's Swarm objects the model reads (moby `api/types/swarm`: Service, Task,
 * Node; `GET /services`, `GET /tasks`, `GET /nodes`). Fields the engine may leave out are optional.
 */
export interface ServiceData {
  ID: string;
  Spec: {
    Name: string;
    Labels?: Record<string, string>;
    Mode?: { Replicated?: { Replicas?: number }; Global?: object };
    TaskTemplate?: { ContainerSpec?: { Image?: string; Healthcheck?: { Test?: string[] } } };
  };
  /** Set while (or after) a rolling update runs: `updating`, `paused`, `completed`, `rollback_*`. */
  UpdateStatus?: { State?: string; Message?: string };
}

export interface TaskData {
  ID: string;
  ServiceID: string;
  NodeID?: string;
  /** Replicated services number their tasks' slots 1…N; a global service's tasks have none (one per node). */
  Slot?: number;
  DesiredState: string;
  /** Raft version: a newer task of the same slot has a higher index. */
  Version?: { Index?: number };
  CreatedAt?: string;
  Status: {
    /** swarmkit `api/types.proto` TaskState: new … preparing, starting, running, complete, shutdown, failed, rejected, remove, orphaned. */
    State: string;
    Message?: string;
    Err?: string;
    Timestamp?: string;
    ContainerStatus?: { ContainerID?: string; ExitCode?: number };
  };
}

export interface NodeData {
  ID: string;
  Description?: { Hostname?: string; Engine?: { EngineVersion?: string } };
  Spec?: { Role?: string; Availability?: string };
  /** `ready`, `down`, `disconnected`, `unknown`. */
  Status?: { State?: string; Addr?: string; Message?: string };
}

/** Labels docker/cli writes on a stack's services and swarmkit on each task container (seen on Engine 26.1.5). */
export const STACK_NAMESPACE_LABEL = 'com.docker.stack.namespace';
export const SERVICE_NAME_LABEL = 'com.docker.swarm.service.name';
export const SERVICE_ID_LABEL = 'com.docker.swarm.service.id';
export const TASK_ID_LABEL = 'com.docker.swarm.task.id';

/**
 * A task container's health as this engine can see it: the container's own health where the task runs
 * on this engine's node, `remote` where it runs on another node (its container is not on this engine),
 * `none` when no container exists (yet, or any more).
 */
export type TaskHealth = Health | 'remote';

export interface SwarmTask {
  id: string;
  serviceId: string;
  /** `<service>.<slot>` as `docker service ps` names it, or `<service>.<node id>` for a global service. */
  name: string;
  slot?: number;
  nodeId?: string;
  /** The node's hostname, when the node list has it. */
  nodeName?: string;
  /** The node's state (`ready`, `down`…); a task on a node that is down keeps its last state. */
  nodeState?: string;
  desiredState: string;
  state: string;
  /** Why the task is in its state, e.g. `task: non-zero exit (137): dockerexec: unhealthy container`. */
  error?: string;
  message?: string;
  containerId?: string;
  health: TaskHealth;
  /** The health was read from the task's own node's engine (`withNodeHealth`), not this one. */
  healthFromNode?: boolean;
}

export interface SwarmService {
  id: string;
  /** The service's full name, `<stack>_<service>` for a stack's service. */
  fullName: string;
  /** The name in the compose file: the full name without the `<stack>_` prefix docker/cli adds. */
  name: string;
  mode: 'replicated' | 'global';
  /** For a replicated service. */
  replicas?: number;
  image?: string;
  updateState?: string;
  updateMessage?: string;
  /** The healthcheck the service's spec sets (`ContainerSpec.Healthcheck`), if any; `NONE` counts as none. */
  healthcheck?: string[];
  tasks: SwarmTask[];
}

export interface SwarmStack {
  /** The stack name given to `docker stack deploy`; undefined for services made without a stack. */
  name?: string;
  services: SwarmService[];
}

export interface SwarmNode {
  id: string;
  hostname?: string;
  /** `ready`, `down`, `disconnected`, `unknown`. */
  state?: string;
  role?: string;
  availability?: string;
  engineVersion?: string;
}

export interface SwarmModel {
  stacks: SwarmStack[];
  /** Every node of the swarm, so a view can say which are down and whose tasks it cannot inspect. */
  nodes: SwarmNode[];
  /** The node this engine is (`Swarm.NodeID` of `GET /info`): only its tasks' containers can be inspected here. */
  localNodeId: string;
}
