// Shared helpers for engine-tier tests: they talk to the real Docker Engine at DOCKER_HOST or the
// default socket (test/support/engine.mjs makes sure one answers and the BusyBox image exists).
import Docker from 'dockerode';

export const docker = new Docker();

/** The offline BusyBox image built by test/support/engine.mjs (nothing can be pulled here). */
export const BUSYBOX_IMAGE = 'compose-health/busybox:test';

let counter = 0;

/**
 * A name no other test run uses: `<prefix>-<pid>-<n>-<random>`. Each helper passes its own Docker
 * object prefix so objects on the shared Engine are easy to attribute and clean up.
 */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** One message of `GET /events` (moby api/types/events.Message). */
export interface DockerEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  time: number;
  timeNano: number;
}

export type EventFilters = NonNullable<Docker.GetEventsOptions['filters']>;

/**
 * Resolves with the first engine event matching `filters` and `predicate`, or rejects after
 * `timeoutMs`. The subscription asks for events since one second before the call, so an event
 * emitted between this call and the moment the stream is open is still delivered: call it BEFORE
 * the action that causes the event, then await it after.
 */
export function awaitEvent(
  filters: EventFilters,
  predicate: (event: DockerEvent) => boolean,
  timeoutMs: number,
): Promise<DockerEvent> {
  const since = Math.floor(Date.now() / 1000) - 1;
  const result = new Promise<DockerEvent>((resolve, reject) => {
    let stream: NodeJS.ReadableStream | undefined;
    let buffered = '';
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      (stream as unknown as { destroy?: () => void } | undefined)?.destroy?.();
      settle();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(new Error(`no engine event matching ${JSON.stringify(filters)} within ${timeoutMs} ms`)),
        ),
      timeoutMs,
    );
    docker.getEvents({ since, filters }).then(
      (opened) => {
        stream = opened;
        opened.on('data', (chunk: Buffer) => {
          buffered += chunk.toString('utf8');
          let newline: number;
          while ((newline = buffered.indexOf('\n')) >= 0) {
            const line = buffered.slice(0, newline).trim();
            buffered = buffered.slice(newline + 1);
            if (!line) continue;
            const event = JSON.parse(line) as DockerEvent;
            if (predicate(event)) return finish(() => resolve(event));
          }
        });
        opened.on('error', (error: Error) => finish(() => reject(error)));
      },
      (error: Error) => finish(() => reject(error)),
    );
  });
  // The caller awaits it later; until then a rejection must not count as unhandled.
  result.catch(() => undefined);
  return result;
}

/** Removes containers by id or name, ignoring those already gone. */
export async function removeContainers(...ids: string[]): Promise<void> {
  await Promise.all(
    ids.map((id) =>
      docker
        .getContainer(id)
        .remove({ force: true, v: true })
        .catch((error: { statusCode?: number }) => {
          if (error.statusCode !== 404) throw error;
        }),
    ),
  );
}
