import { formatDuration } from '../compose/duration';
import type { EngineFlavor } from '../engine/types';
import { EngineNotFoundError } from '../engine/errors';
import { planProbe } from '../probe/plan';
import type { ProbeQueue } from '../probe/probeQueue';
import { runProbe, timeoutFromProcessStart, timeoutIncludesOutput, type ProbeOutcome } from '../probe/runProbe';
import { buildCandidates, describeTools, isDockerDns, type Candidate, type CandidateKind } from './candidates';
import { discover, rereadListeners, type Discovery } from './discover';
import type { InspectedContainer } from '../engine/types';
import { engineFacts, type SuggestEngine } from './engine';
import { urlHost } from './procNet';
import { startIntervalSupported, suggestTiming, type SuggestedTiming } from './timing';

/** A healthcheck in Compose's own form, as it is written into the file. */
export interface ComposeHealthcheck {
  test: string[];
  interval: string;
  timeout: string;
  retries: number;
  start_period: string;
  start_interval?: string;
}

/** One candidate as it ran in the container (through the probe runner, with Docker's semantics). */
export interface TriedCandidate {
  test: string[];
  kind: CandidateKind;
  description: string;
  /** What Docker's health log would have recorded; null when nothing was recorded (see `error`). */
  exitCode: number | null;
  output: string;
  durationMs: number;
  timedOut: boolean;
  /** How many times it ran (a container still starting is tried in rounds). */
  runs: number;
}

export type SuggestProgress =
  | { kind: 'discovering' }
  | { kind: 'trying'; candidate: Candidate; index: number; total: number }
  | { kind: 'waiting'; elapsedMs: number; limitMs: number; round: number }
  | { kind: 'measuring'; candidate: Candidate };

export type SuggestResult =
  | {
      ok: true;
      container: InspectedContainer;
      healthcheck: ComposeHealthcheck;
      candidate: Candidate;
      /** The first passing run. */
      verified: { exitCode: 0; durationMs: number; output: string };
      timing: SuggestedTiming;
      /** What the suggestion rests on, one statement each: shell, tools, ports, the passing check, each timing value. */
      basis: string[];
      tried: TriedCandidate[];
      discovery: Discovery;
    }
  | { ok: false; reason: string; container?: InspectedContainer; tried: TriedCandidate[]; discovery?: Discovery };

export interface SuggestOptions {
  /** Container-side ports from the service's `ports` and `expose` (the fallback when /proc/net cannot be read). */
  servicePorts?: number[];
  /** Cancel: stops the current exec or probe (ending its process) and returns `ok: false`. */
  signal?: AbortSignal;
  onProgress?: (progress: SuggestProgress) => void;
  /** A container younger than this is waited for, up to this long, until a candidate passes (default 2 min). */
  waitLimitMs?: number;
  /** Each trial's timeout (default 5 s): a candidate that takes longer is not one to suggest. */
  trialTimeoutMs?: number;
  /** Extra runs of the passing candidate to measure its duration (default 2). */
  repeats?: number;
  intervalMs?: number;
  retries?: number;
  /** Shared with the extension's probe runs so that no two probes overlap on one container. */
  queue?: ProbeQueue;
  /** Wall clock (ms since the epoch), compared with the container's StartedAt; replaceable in unit tests. */
  now?: () => number;
  /** Waits between rounds; replaceable in unit tests. */
  delay?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Between rounds while a young container starts: there is no engine event for "a port opened", so this polls. */
const ROUND_PAUSE_MS = 1000;

/**
 * Finds a healthcheck that works in this running container and proves it: discovers what the container
 * can run and where it listens (`discover`), tries the candidates strongest first (`buildCandidates`)
 * through the probe runner — the same exec, user, working directory, timeout and result rules as
 * Docker's own monitor (src/core/probe/runProbe.ts) — and offers only the first one that exited 0,
 * after it passed again in `repeats` more runs. A container younger than `waitLimitMs` may still be
 * starting: then the candidates are tried in rounds (re-reading its listening ports) until one passes
 * or the limit is reached, and the wait becomes the measured start-up.
 */
export async function suggestHealthcheck(engine: SuggestEngine, containerId: string, options: SuggestOptions = {}): Promise<SuggestResult> {
  const now = options.now ?? Date.now;
  const tried = new Map<string, TriedCandidate>();
  const triedList = (): TriedCandidate[] => [...tried.values()];
  const waitLimitMs = options.waitLimitMs ?? 120_000;
  let container: InspectedContainer;
  try {
    container = await engine.inspectContainer(containerId, options.signal);
  } catch (error) {
    return { ok: false, reason: engineTrouble(error, containerId), tried: [] };
  }
  if (!container.running) return { ok: false, reason: `Container ${container.name} is not running. Start the service, then suggest again.`, container, tried: [] };
  if (container.paused) return { ok: false, reason: `Container ${container.name} is paused. Unpause it, then suggest again.`, container, tried: [] };

  let apiVersion: string;
  let flavor: EngineFlavor;
  try {
    ({ apiVersion, flavor } = await engineFacts(engine));
  } catch (error) {
    return { ok: false, reason: engineTrouble(error, container.name), container, tried: [] };
  }
  const probeOptions = {
    timeoutIncludesOutput: timeoutIncludesOutput(apiVersion),
    timeoutFromProcessStart: timeoutFromProcessStart(apiVersion),
    flavor,
    signal: options.signal,
    queue: options.queue,
  };
  const trialTimeoutNs = (options.trialTimeoutMs ?? 5000) * 1e6;
  const run = async (candidate: Candidate): Promise<ProbeOutcome> => {
    const plan = planProbe({ test: candidate.test, timeoutNs: trialTimeoutNs }, container);
    if (!plan.ok) return { kind: 'error', message: plan.message };
    return runProbe(engine, container.id, plan.plan, probeOptions);
  };

  options.onProgress?.({ kind: 'discovering' });
  let discovery: Discovery;
  try {
    discovery = await discover(engine, container, { servicePorts: options.servicePorts, signal: options.signal });
  } catch (error) {
    return { ok: false, reason: await stoppedReason(engine, container, error, options.signal), container, tried: [] };
  }

  const calledAt = now();
  const startedAt = container.startedAt ? Date.parse(container.startedAt) : NaN;
  const young = Number.isFinite(startedAt) && calledAt - startedAt < waitLimitMs;
  const delay = options.delay ?? abortableDelay;
  for (let round = 1; ; round++) {
    const candidates = buildCandidates(discovery);
    for (const [index, candidate] of candidates.entries()) {
      options.onProgress?.({ kind: 'trying', candidate, index, total: candidates.length });
      const outcome = await run(candidate);
      if (outcome.kind === 'cancelled') return { ok: false, reason: 'Cancelled: no healthcheck was suggested.', container, tried: triedList(), discovery };
      if (outcome.kind === 'error') return { ok: false, reason: outcome.message, container, tried: triedList(), discovery };
      record(tried, candidate, outcome);
      if (outcome.exitCode !== 0) continue;
      const passedAt = now();
      options.onProgress?.({ kind: 'measuring', candidate });
      const durations = [outcome.durationMs];
      let steady = true;
      for (let i = 0; i < (options.repeats ?? 2) && steady; i++) {
        const again = await run(candidate);
        if (again.kind === 'cancelled') return { ok: false, reason: 'Cancelled: no healthcheck was suggested.', container, tried: triedList(), discovery };
        if (again.kind === 'error') return { ok: false, reason: again.message, container, tried: triedList(), discovery };
        record(tried, candidate, again);
        steady = again.exitCode === 0;
        durations.push(again.durationMs);
      }
      // A check that passes only sometimes would flap in Docker: not one to offer.
      if (!steady) continue;
      const startup = Number.isFinite(startedAt) && passedAt - startedAt <= waitLimitMs ? { ms: Math.max(0, passedAt - startedAt), exact: round > 1 } : undefined;
      const timing = suggestTiming({
        durationsMs: durations,
        startup,
        startIntervalSupported: flavor === 'docker' && startIntervalSupported(apiVersion),
        ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
        ...(options.retries === undefined ? {} : { retries: options.retries }),
      });
      const healthcheck: ComposeHealthcheck = {
        test: candidate.test,
        interval: formatDuration(timing.intervalNs),
        timeout: formatDuration(timing.timeoutNs),
        retries: timing.retries,
        start_period: formatDuration(timing.startPeriodNs),
        ...(timing.startIntervalNs ? { start_interval: formatDuration(timing.startIntervalNs) } : {}),
      };
      const basis = [
        ...describeDiscovery(discovery),
        `passed: ${candidate.description} — exit 0 in ${Math.round(outcome.durationMs)} ms, and again in ${durations.length - 1} more run(s) (${durations.map((d) => Math.round(d)).join(', ')} ms)`,
        ...timing.reasons,
      ];
      return {
        ok: true,
        container,
        healthcheck,
        candidate,
        verified: { exitCode: 0, durationMs: outcome.durationMs, output: outcome.output },
        timing,
        basis,
        tried: triedList(),
        discovery,
      };
    }
    const elapsed = now() - calledAt;
    const canProbe = candidates.length > 0 || hasProber(discovery);
    if (!young || !canProbe || elapsed >= waitLimitMs) {
      return { ok: false, reason: nothingPassed(discovery, candidates.length, young && canProbe ? waitLimitMs : undefined), container, tried: triedList(), discovery };
    }
    options.onProgress?.({ kind: 'waiting', elapsedMs: elapsed, limitMs: waitLimitMs, round });
    try {
      await delay(ROUND_PAUSE_MS, options.signal);
      discovery = await rereadListeners(engine, discovery, options.signal);
    } catch (error) {
      if (options.signal?.aborted) return { ok: false, reason: 'Cancelled: no healthcheck was suggested.', container, tried: triedList(), discovery };
      return { ok: false, reason: await stoppedReason(engine, container, error, options.signal), container, tried: triedList(), discovery };
    }
  }
}

function record(tried: Map<string, TriedCandidate>, candidate: Candidate, outcome: Extract<ProbeOutcome, { kind: 'result' }>): void {
  const key = JSON.stringify(candidate.test);
  const before = tried.get(key);
  tried.set(key, {
    test: candidate.test,
    kind: candidate.kind,
    description: candidate.description,
    exitCode: outcome.exitCode,
    output: outcome.output,
    durationMs: outcome.durationMs,
    timedOut: outcome.timedOut,
    runs: (before?.runs ?? 0) + 1,
  });
}

/** Whether anything in the container could make an HTTP request or a TCP connection once a port opens. */
function hasProber(discovery: Discovery): boolean {
  return (['curl', 'wget', 'nc', 'ncat', 'bash', 'python3', 'python', 'node'] as const).some((name) => discovery.tools.has(name));
}

function describeDiscovery(discovery: Discovery): string[] {
  const user = discovery.container.user || 'the image default user';
  const out = [
    discovery.shell ? `shell: ${discovery.shell.join(' ')} runs in the container` : 'no shell in the container: only CMD form can run',
    `programs on PATH as ${user}: ${describeTools(discovery.tools)}`,
  ];
  if (discovery.listeners) {
    const listening = discovery.listeners.filter((l) => !isDockerDns(l)).map((l) => `${urlHost(l.address)}:${l.port}`).join(', ') || 'nothing';
    out.push(`listening: ${listening} (${discovery.listenersFrom})`);
  } else {
    out.push(`listening: unknown (nothing in the container can read /proc/net/tcp); declared ports: ${discovery.declaredPorts.join(', ') || 'none'}`);
  }
  return out;
}

function nothingPassed(discovery: Discovery, candidateCount: number, waitedMs: number | undefined): string {
  const waited = waitedMs === undefined ? '' : ` within ${Math.round(waitedMs / 1000)} s of the container's start`;
  if (candidateCount === 0) {
    if (!hasProber(discovery) && discovery.tools.size === 0) {
      return `Nothing in ${discovery.container.name} can probe it: no shell, and none of curl, wget, nc, python, node or a service client is on its PATH. Add one to the image (or a static probe binary), then suggest again.`;
    }
    const ports = discovery.listeners ? discovery.listeners.length : discovery.declaredPorts.length;
    if (ports === 0) return `${discovery.container.name} listens on no TCP port${waited} and no service client fits its image, so there is nothing to check. Make sure the service started, then suggest again.`;
    return `No program in ${discovery.container.name} can make an HTTP request or a TCP connection (found: ${describeTools(discovery.tools)}). Add curl, wget or nc to the image, then suggest again.`;
  }
  return `None of the ${candidateCount} candidate checks passed in ${discovery.container.name}${waited} (see what was tried). A healthcheck that fails would mark it unhealthy, so none is suggested.`;
}

async function stoppedReason(engine: SuggestEngine, container: InspectedContainer, error: unknown, signal?: AbortSignal): Promise<string> {
  if (signal?.aborted) return 'Cancelled: no healthcheck was suggested.';
  try {
    const now = await engine.inspectContainer(container.id);
    if (!now.running) return `Container ${container.name} stopped while it was being examined. Start the service, then suggest again.`;
  } catch (inspectError) {
    if (inspectError instanceof EngineNotFoundError) return `Container ${container.name} was removed while it was being examined. Start the service, then suggest again.`;
  }
  return engineTrouble(error, container.name);
}

function engineTrouble(error: unknown, what: string): string {
  if (error instanceof EngineNotFoundError) return `Container ${what} does not exist (any more). Start the service, then suggest again.`;
  const detail = error instanceof Error ? error.message : String(error);
  return `The Docker Engine failed while examining ${what}: ${detail.trim()}. Check that Docker is running, then try again.`;
}

function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
