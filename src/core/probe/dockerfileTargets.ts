import type { HealthcheckSpec } from '../compose/healthcheckSpec';
import type { ComposeModel, ServiceEntry } from '../compose/model';
import type { DockerfileModel, HealthcheckInstruction } from '../dockerfile/model';
import { builtHealthcheck, buildsFrom } from '../dockerfile/imageCheck';
import { healthcheckSpecOf } from '../dockerfile/stages';
import type { LabelledContainer } from '../engine/types';
import { COMPOSE_LABELS, samePath } from '../identity/labels';
import { fileIdentity } from '../identity/projectIdentity';
import { projectContainers } from './locator';

// Pure: which HEALTHCHECK instructions of a Dockerfile get a "Run probe" lens, for which compose
// services, and what a probe of one runs. src/probe/dockerfileLenses.ts draws the lenses and
// src/probe/runDockerfileProbe.ts runs them with the compose lens's runner.

/** A compose file of the workspace, parsed (the shared compose parse). */
export interface ComposeFileModel {
  /** Absolute path. */
  file: string;
  model: ComposeModel;
}

/** A compose service whose image is built from the Dockerfile. */
export interface BuildingService {
  composeFile: string;
  model: ComposeModel;
  service: ServiceEntry;
}

/** What a probe of a HEALTHCHECK would run: its engine-level check, or why nothing runs. */
export type DockerfileCheck = { kind: 'command'; spec: HealthcheckSpec } | { kind: 'nothing'; message: string };

/** A HEALTHCHECK that counts for at least one compose service, with those services in file order. */
export interface DockerfileLensTarget {
  instruction: HealthcheckInstruction;
  check: DockerfileCheck;
  services: BuildingService[];
}

/**
 * The HEALTHCHECKs that end up in an image some compose service builds from this Dockerfile: for each
 * service whose `build:` builds this file (`buildsFrom`), the HEALTHCHECK its image carries
 * (`builtHealthcheck`, as for the effective check across files: the target or last stage's, the last one
 * written in the stage or a stage it is built from; BuildKit dockerfile2llb dispatchHealthcheck). A HEALTHCHECK
 * no service's image gets (an earlier one in the same stage, one in a stage nobody builds) has no target.
 */
export function dockerfileLensTargets(dockerfile: string, model: DockerfileModel, composeFiles: readonly ComposeFileModel[]): DockerfileLensTarget[] {
  if (model.refused) return [];
  const byInstruction = new Map<HealthcheckInstruction, BuildingService[]>();
  for (const { file, model: compose } of composeFiles) {
    for (const service of compose.services) {
      const build = service.build;
      if (!build || !buildsFrom(build, dockerfile, samePath)) continue;
      const effective = builtHealthcheck(model, build.target);
      if (effective?.source !== 'dockerfile') continue;
      const list = byInstruction.get(effective.instruction) ?? [];
      list.push({ composeFile: file, model: compose, service });
      byInstruction.set(effective.instruction, list);
    }
  }
  return [...byInstruction]
    .map(([instruction, services]) => ({ instruction, check: dockerfileCheck(instruction), services }))
    .sort((a, b) => a.instruction.range.start - b.instruction.range.start);
}

/**
 * What the instruction puts in the image (parse.go parseHealthcheck via `healthcheckSpecOf`): a check to
 * run, or why there is none — `HEALTHCHECK NONE` disables the check, and an instruction BuildKit refuses
 * fails the build, so no image (and no container) ever has it.
 */
export function dockerfileCheck(instruction: HealthcheckInstruction): DockerfileCheck {
  const spec = healthcheckSpecOf(instruction);
  if (!spec) return { kind: 'nothing', message: 'BuildKit refuses this HEALTHCHECK (see Problems), so no image has it: nothing to run' };
  if (spec.test?.[0] === 'NONE') return { kind: 'nothing', message: 'HEALTHCHECK NONE: the image has no check, so nothing to run' };
  return { kind: 'command', spec };
}

/**
 * The compose side of a probe of the image's check: the service's `healthcheck:` timing only. Docker
 * merges the container's healthcheck with the image's field by field at create (moby daemon/commit.go
 * `merge`): a compose `timeout:` wins over the HEALTHCHECK's `--timeout`, and the HEALTHCHECK's applies
 * when compose sets none (`planProbe`'s image-command path does exactly that).
 */
export function composeTiming(service: ServiceEntry): HealthcheckSpec {
  const { test: _test, ...timing } = service.healthcheck?.spec ?? {};
  return timing;
}

/** Whether the compose file's own `test:` replaces the image's check for this service (Docker then runs that one). */
export function composeReplacesCheck(service: ServiceEntry): boolean {
  return (service.healthcheck?.spec.test?.length ?? 0) > 0;
}

/** The HEALTHCHECK whose keyword starts at `offset`, among the targets (a lens's argument). */
export function targetAt(targets: readonly DockerfileLensTarget[], offset: number): DockerfileLensTarget | undefined {
  return targets.find((t) => t.instruction.keyword.start === offset);
}

/** The containers Compose made for the service from its compose file (labels, as the compose lens finds them), in container-number order. */
export function containersOfService(all: readonly LabelledContainer[], building: BuildingService): LabelledContainer[] {
  return projectContainers([...all], fileIdentity(building.composeFile, building.model)).filter(
    (c) => c.labels[COMPOSE_LABELS.service] === building.service.name,
  );
}
