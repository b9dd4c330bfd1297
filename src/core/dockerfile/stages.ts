import { parseDuration } from '../compose/duration';
import type { HealthcheckSpec } from '../compose/healthcheckSpec';
import type { DockerfileModel, HealthcheckInstruction, Stage } from './model';

/** The stage and the stages it is built from, nearest first (`FROM build AS final` → final, build, …). */
export function lineage(model: DockerfileModel, stage: Stage): Stage[] {
  const chain = [stage];
  let current = stage;
  while (current.baseKind.kind === 'stage') {
    const parent = model.stages[current.baseKind.stage];
    // A base names an earlier stage only (parse.ts), so the chain always ends.
    if (!parent || chain.includes(parent)) break;
    chain.push(parent);
    current = parent;
  }
  return chain;
}

/** What the chain of stages starts from: `scratch` or an image (never another stage). */
export function originOf(model: DockerfileModel, stage: Stage): Stage['baseKind'] {
  const chain = lineage(model, stage);
  return chain[chain.length - 1].baseKind;
}

/**
 * The stage `docker build` builds: the one named `target` (case-insensitive, as BuildKit compares stage
 * names), else the last one.
 */
export function targetStage(model: DockerfileModel, target?: string): Stage | undefined {
  if (target !== undefined) return model.stages.find((s) => s.name === target.toLowerCase());
  return model.stages[model.stages.length - 1];
}

/** The HEALTHCHECK a stage's image gets, and where it comes from. */
export type StageHealthcheck =
  /** Written in this stage or one it is built from: the last one written counts (BuildKit dispatchHealthcheck replaces the config). */
  | { source: 'dockerfile'; stage: Stage; instruction: HealthcheckInstruction }
  /** None written in the chain: the base image's own HEALTHCHECK, if it has one, is inherited. */
  | { source: 'base-image'; image: string }
  /** None written and the chain starts from `scratch`: no check. */
  | { source: 'none' };

/**
 * The seam for the effective check across files: the HEALTHCHECK the image built from `stage` carries.
 * BuildKit's dispatchHealthcheck (dockerfile2llb/convert.go) sets the image config's whole Healthcheck
 * from the instruction, so the last one of a stage replaces any earlier one and anything inherited; a
 * stage without one keeps its base's config.
 */
export function stageHealthcheck(model: DockerfileModel, stage: Stage): StageHealthcheck {
  for (const s of lineage(model, stage)) {
    const last = s.healthchecks[s.healthchecks.length - 1];
    if (last) return { source: 'dockerfile', stage: s, instruction: last };
  }
  const origin = originOf(model, stage);
  return origin.kind === 'image' ? { source: 'base-image', image: origin.image } : { source: 'none' };
}

/**
 * The engine-level healthcheck an instruction puts in the image config (parse.go parseHealthcheck), or
 * undefined when BuildKit would refuse the instruction. Unset or unreadable timing is left unset: the
 * rules report those. `HEALTHCHECK CMD <shell form>` becomes `CMD-SHELL`.
 */
export function healthcheckSpecOf(hc: HealthcheckInstruction): HealthcheckSpec | undefined {
  const type = hc.type?.text.toUpperCase();
  if (type === 'NONE') return hc.command ? undefined : { test: ['NONE'] };
  if (type !== 'CMD' || !hc.command || hc.command.form === 'not-strings') return undefined;
  const test = hc.command.form === 'exec' ? ['CMD', ...hc.command.items.map((i) => i.text)] : ['CMD-SHELL', hc.command.script];
  if (test.length < 2) return undefined;
  const spec: HealthcheckSpec = { test };
  const flag = (name: string) => hc.flags.filter((f) => f.name === name).pop()?.value;
  const duration = (name: string): number | undefined => {
    const value = flag(name);
    if (value === undefined || value === '') return undefined;
    const parsed = parseDuration(value, 'go');
    return parsed.ok && (parsed.ns === 0 || parsed.ns >= 1e6) ? parsed.ns : undefined;
  };
  const interval = duration('interval');
  const timeout = duration('timeout');
  const startPeriod = duration('start-period');
  const startInterval = duration('start-interval');
  if (interval !== undefined) spec.intervalNs = interval;
  if (timeout !== undefined) spec.timeoutNs = timeout;
  if (startPeriod !== undefined) spec.startPeriodNs = startPeriod;
  if (startInterval !== undefined) spec.startIntervalNs = startInterval;
  const retries = flag('retries');
  if (retries !== undefined && /^[+-]?\d+$/.test(retries) && Number(retries) >= 0) spec.retries = Number(retries);
  return spec;
}
