import type { DockerodeEngineClient } from '../engine/dockerodeClient';
import { mapEngineErrors } from '../engine/errors';
import type { SuggestEngine } from './engine';

/**
 * The shared dockerode adapter as a `SuggestEngine`: its probe calls as they are (its inspect already
 * carries `Config.Image` and `State.StartedAt`), plus the image's `Config.ExposedPorts` through the
 * same dockerode client, so no second connection is opened.
 */
export function withImageConfig(client: DockerodeEngineClient): SuggestEngine {
  return Object.assign(Object.create(client) as DockerodeEngineClient, {
    async imageExposedPorts(imageId: string): Promise<string[]> {
      const info = await mapEngineErrors(client.docker.getImage(imageId).inspect());
      return Object.keys((info.Config as { ExposedPorts?: Record<string, unknown> } | undefined)?.ExposedPorts ?? {});
    },
  });
}
