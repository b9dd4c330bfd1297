import { closeSync, openSync, readSync } from 'node:fs';
import type { EngineAddress } from '../engine/address';
import type { DockerodeEngineClient } from '../engine/dockerodeClient';
import { mapEngineErrors } from '../engine/errors';
import { engineProcessesVisible } from '../engine/hostProcesses';
import type { SuggestEngine } from './engine';
import { PROC_NET_MAX_BYTES } from './discover';

/**
 * The shared dockerode adapter as a `SuggestEngine`: its probe calls as they are (its inspect already
 * carries `Config.Image` and `State.StartedAt`), plus the image's `Config.ExposedPorts` through the
 * same dockerode client, so no second connection is opened. Given the engine's `address`, it can also
 * read a container's socket tables from this machine's /proc when the engine runs here.
 */
export function asSuggestEngine(client: DockerodeEngineClient, address?: EngineAddress): SuggestEngine {
  return Object.assign(Object.create(client) as DockerodeEngineClient, {
    async imageExposedPorts(imageId: string): Promise<string[]> {
      const info = await mapEngineErrors(client.docker.getImage(imageId).inspect());
      return Object.keys((info.Config as { ExposedPorts?: Record<string, unknown> } | undefined)?.ExposedPorts ?? {});
    },
    ...(address && engineProcessesVisible(address, process.platform).ok
      ? {
          async hostNetTables(containerId: string): Promise<{ tcp: string; tcp6?: string } | undefined> {
            const raw = (await mapEngineErrors(client.docker.getContainer(containerId).inspect())) as { Id: string; State?: { Pid?: number } };
            const pid = raw.State?.Pid ?? 0;
            if (pid <= 0) return undefined;
            // A local socket can still lead to an engine in a VM (Docker Desktop): the PID is only this
            // machine's if its cgroup names the container (docker-<id>.scope, /docker/<id>, libpod-<id>).
            if (!(readBounded(`/proc/${pid}/cgroup`) ?? '').includes(raw.Id)) return undefined;
            // /proc/<pid>/net is the network namespace of that process: the container's own tables.
            const tcp = readBounded(`/proc/${pid}/net/tcp`);
            if (tcp === undefined) return undefined;
            const tcp6 = readBounded(`/proc/${pid}/net/tcp6`);
            return tcp6 === undefined ? { tcp } : { tcp, tcp6 };
          },
        }
      : {}),
  });
}

function readBounded(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buffer = Buffer.alloc(PROC_NET_MAX_BYTES);
    let length = 0;
    let n: number;
    do {
      n = readSync(fd, buffer, length, buffer.length - length, null);
      length += n;
    } while (n > 0 && length < buffer.length);
    return buffer.subarray(0, length).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
