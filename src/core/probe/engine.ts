import type { EngineClient } from '../engine/types';

/**
 * The part of the engine client the probe uses: the API version and flavour (whose health monitor a
 * result must match), the containers of a file, their inspect and image, and execs. The extension hands
 * it the shared connection's `DockerodeEngineClient`; unit tests implement just this part.
 */
export type ProbeEngine = Pick<EngineClient, 'version' | 'listContainers' | 'inspectContainer' | 'imageHealthcheck' | 'exec' | 'endExec' | 'signalledSince'>;
