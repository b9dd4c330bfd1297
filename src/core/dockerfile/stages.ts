import { parseDuration } from '../compose/duration';
import type { HealthcheckSpec } from '../compose/healthcheckSpec';
import { HEALTHCHECK_FLAGS, type DockerfileModel, type HealthcheckInstruction, type Stage } from './model';

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
 * undefined when BuildKit would refuse the instruction (a bad flag, duration or retries, an unknown
 * type, no command). `HEALTHCHECK CMD <shell form>` becomes `CMD-SHELL`; an empty or zero value is unset.
 */
export function healthcheckSpecOf(hc: HealthcheckInstruction): HealthcheckSpec | undefined {
  const type = hc.typeName;
  if (type === 'NONE') return hc.command ? undefined : { test: ['NONE'] };
  if (type !== 'CMD' || !hc.command || hc.command.form === 'not-strings') return undefined;
  const test = hc.command.form === 'exec' ? ['CMD', ...hc.command.items.map((i) => i.text)] : ['CMD-SHELL', hc.command.script];
  if (test.length < 2) return undefined;
  const spec: HealthcheckSpec = { test };
  const seen = new Set<string>();
  for (const flag of hc.flags) {
    // bflag.go BFlags.Parse: unknown, value-less and repeated flags fail the build.
    if (!(HEALTHCHECK_FLAGS as readonly string[]).includes(flag.name) || flag.value === undefined || seen.has(flag.name)) return undefined;
    seen.add(flag.name);
    if (flag.value === '') continue;
    if (flag.name === 'retries') {
      if (!/^[+-]?\d+$/.test(flag.value) || Number(flag.value) < 0) return undefined;
      spec.retries = Number(flag.value);
      continue;
    }
    const parsed = parseDuration(flag.value, 'go');
    if (!parsed.ok || (parsed.ns !== 0 && parsed.ns < 1e6)) return undefined;
    spec[DURATION_FIELD[flag.name as keyof typeof DURATION_FIELD]] = parsed.ns;
  }
  return spec;
}

const DURATION_FIELD = {
  interval: 'intervalNs',
  timeout: 'timeoutNs',
  'start-period': 'startPeriodNs',
  'start-interval': 'startIntervalNs',
} as const;
