import { PassThrough, type Readable } from 'node:stream';
import Docker from 'dockerode';
import { EVENTS_FILTER, JsonLineSplitter, PROJECT_LABEL, parseContainerDetails, parseContainerSummary, parseEngineEvent } from './parse';
import type { ContainerDetails, ContainerSummary, EngineClient, EngineEventListener, EngineVersion, EventSubscription, LogStream } from './types';

/** Our EngineClient over dockerode. `docker` is exposed for capabilities that need the raw API (probes). */
export class DockerodeEngineClient implements EngineClient {
  constructor(readonly docker: Docker) {}

  async version(): Promise<EngineVersion> {
    const v = await this.docker.version();
    const product = (v as { Components?: Array<{ Name?: string }> }).Components?.[0]?.Name;
    const result: EngineVersion = { version: v.Version, apiVersion: v.ApiVersion };
    if (v.Os) result.os = v.Os;
    if (product) result.product = product;
    return result;
  }

  async listComposeContainers(): Promise<ContainerSummary[]> {
    const raw = await this.docker.listContainers({ all: true, filters: { label: [PROJECT_LABEL] } });
    return raw.flatMap((c) => parseContainerSummary(c) ?? []);
  }

  async inspectContainer(id: string): Promise<ContainerDetails | undefined> {
    try {
      return parseContainerDetails((await this.docker.getContainer(id).inspect()) as never);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }

  async watchEvents(listener: EngineEventListener): Promise<EventSubscription> {
    const stream = (await this.docker.getEvents({ filters: EVENTS_FILTER })) as unknown as Readable;
    const splitter = new JsonLineSplitter();
    let closed = false;
    const end = (error?: Error) => {
      if (closed) return;
      closed = true;
      listener.onEnd(error);
    };
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      for (const message of splitter.push(chunk)) {
        const event = parseEngineEvent(message as never);
        if (event) listener.onEvent(event);
      }
    });
    stream.on('error', (error: Error) => end(error));
    stream.on('end', () => end());
    stream.on('close', () => end());
    return {
      close: () => {
        closed = true;
        stream.destroy();
      },
    };
  }

  async restartContainer(id: string): Promise<void> {
    await this.docker.getContainer(id).restart();
  }

  async followLogs(id: string, options: { tail: number }, onText: (text: string) => void): Promise<LogStream> {
    const stream = (await this.docker.getContainer(id).logs({ follow: true, stdout: true, stderr: true, tail: options.tail })) as unknown as Readable;
    // Without a TTY the engine multiplexes stdout and stderr with 8-byte frame headers.
    const out = new PassThrough();
    out.setEncoding('utf8');
    out.on('data', (text: string) => onText(text));
    this.docker.modem.demuxStream(stream, out, out);
    const ended = new Promise<void>((resolve) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', () => resolve());
    });
    return { ended, close: () => stream.destroy() };
  }
}
