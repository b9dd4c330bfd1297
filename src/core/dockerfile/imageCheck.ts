import type { ReadFailure } from '../compose/files';
import type { HealthcheckSpec } from '../compose/healthcheckSpec';
import type { BuildEntry, ComposeModel } from '../compose/model';
import type { Range } from '../compose/range';
import type { DockerfileModel } from './model';
import { healthcheckSpecOf, stageHealthcheck, targetStage, type StageHealthcheck } from './stages';

/**
 * The HEALTHCHECK a service's image carries, as far as the workspace's files tell: the effective check
 * across files starts from it, and compose's `healthcheck:` is laid over it by the engine at create
 * (moby daemon/create.go merges the image config into the container config: an empty test, a zero
 * duration and zero retries take the image's values). Only files are read; a running container's
 * `Config.Healthcheck` (already merged) is the editor's to add.
 */
export type ImageCheck =
  /** A HEALTHCHECK written in the Dockerfile's built stage or a stage it is built from (the last one counts). */
  | {
      kind: 'dockerfile';
      /** The Dockerfile's path, or `<context> (dockerfile_inline)` for an inline one. */
      file: string;
      /** 1-based line of the instruction. */
      line: number;
      /** The HEALTHCHECK instruction (offsets in the Dockerfile). */
      range: Range;
      /** The stage that writes it, by name or as `#<index>` when it has none. */
      stage: string;
      /** What the instruction puts in the image (`["NONE"]` for `HEALTHCHECK NONE`); undefined when BuildKit refuses it. */
      spec?: HealthcheckSpec;
    }
  /** The Dockerfile writes no HEALTHCHECK and its stages start from `scratch`: the image has none. */
  | { kind: 'none'; file: string }
  /** The Dockerfile writes none: the base image's own HEALTHCHECK (unknown here) is inherited. */
  | { kind: 'base-image'; file: string; image: string }
  /** The Dockerfile could not be read or has no such target stage: what the image carries is unknown. */
  | { kind: 'unknown'; file: string; reason: string };

/** Where a Dockerfile's text comes from: an open buffer or the disk, as the editor's and the CLI's readers do. */
export type ReadText = (path: string) => string | ReadFailure | undefined;

/**
 * For each service of the model: the check its image carries when the workspace's files say. A service
 * with `build:` reads its Dockerfile's target (or last) stage; a service with only `image:` that another
 * service of the project builds (`build:` and the same `image:` tag it) gets that Dockerfile's. Services
 * whose image comes from a registry are absent: only the engine knows their image. Each Dockerfile is
 * parsed once per call.
 */
export function imageChecksOf(model: ComposeModel, read: ReadText, parse: (text: string) => DockerfileModel): Map<string, ImageCheck> {
  const parsed = new Map<string, DockerfileModel | string>();
  const parseOnce = (file: string, text: () => string | ReadFailure | undefined): DockerfileModel | string => {
    let found = parsed.get(file);
    if (found === undefined) {
      const content = text();
      found = typeof content === 'string' ? parse(content) : READ_FAILURE[content?.reason ?? 'unreadable'];
      parsed.set(file, found);
    }
    return found;
  };
  const checks = new Map<string, ImageCheck>();
  const byImage = new Map<string, ImageCheck>();
  for (const service of model.services) {
    if (!service.build) continue;
    const check = checkOfBuild(service.build, read, parseOnce);
    if (!check) continue;
    checks.set(service.name, check);
    if (service.image) byImage.set(service.image, check);
  }
  for (const service of model.services) {
    if (service.build || !service.image) continue;
    const check = byImage.get(service.image);
    if (check) checks.set(service.name, check);
  }
  return checks;
}

const READ_FAILURE: Record<ReadFailure['reason'], string> = {
  missing: 'it does not exist',
  'not-a-file': 'it is not a regular file',
  'too-large': 'it is too large to check',
  unreadable: 'it could not be read',
};

function checkOfBuild(
  build: BuildEntry,
  read: ReadText,
  parseOnce: (file: string, text: () => string | ReadFailure | undefined) => DockerfileModel | string,
): ImageCheck | undefined {
  const file = build.dockerfile ? dockerfilePath(build, read) : build.inline !== undefined && build.context ? `${build.context} (dockerfile_inline)` : undefined;
  if (!file) return undefined;
  const model = parseOnce(file, () => (build.dockerfile ? read(file) : build.inline));
  if (typeof model === 'string') return { kind: 'unknown', file, reason: model };
  if (model.refused) return { kind: 'unknown', file, reason: model.refused.message };
  const found = builtHealthcheck(model, build.target);
  if (!found) {
    const reason = build.target !== undefined ? `it has no stage named "${build.target}"` : 'it has no FROM instruction';
    return { kind: 'unknown', file, reason };
  }
  if (found.source === 'none') return { kind: 'none', file };
  if (found.source === 'base-image') return { kind: 'base-image', file, image: found.image };
  const { instruction } = found;
  const check: ImageCheck = {
    kind: 'dockerfile',
    file,
    line: lineOf(model.text, instruction.range.start),
    range: instruction.range,
    stage: found.stage.name ?? `#${found.stage.index}`,
  };
  const spec = healthcheckSpecOf(instruction);
  if (spec) check.spec = spec;
  return check;
}

/**
 * Which file is built. Compose builds `Dockerfile` when none is named (compose-go loader/normalize.go);
 * Podman's build falls back to `Containerfile` when there is no `Dockerfile` (buildah imagebuildah
 * resolveDockerfile), so that is taken when the default name is missing and it exists.
 */
function dockerfilePath(build: BuildEntry, read: ReadText): string {
  const named = build.dockerfile!;
  if (!build.defaultDockerfile || !build.context || typeof read(named) === 'string') return named;
  const containerfile = `${build.context}/Containerfile`;
  return typeof read(containerfile) === 'string' ? containerfile : named;
}

/**
 * The HEALTHCHECK the image `docker compose build` makes from this Dockerfile carries: the `target`
 * stage's, else the last stage's (`stageHealthcheck`); undefined when there is no such stage. The one
 * answer for the effective check, the hover and the Dockerfile's Run probe lens.
 */
export function builtHealthcheck(model: DockerfileModel, target: string | undefined): StageHealthcheck | undefined {
  const stage = targetStage(model, target);
  return stage && stageHealthcheck(model, stage);
}

/**
 * Whether a service's `build:` builds the Dockerfile at `path` (`same` compares paths as the platform
 * does): the one it names, or, when it names none, the `Containerfile` Podman falls back to.
 */
export function buildsFrom(build: BuildEntry, path: string, same: (a: string, b: string) => boolean): boolean {
  if (!build.dockerfile) return false;
  return same(build.dockerfile, path) || (!!build.defaultDockerfile && !!build.context && same(`${build.context}/Containerfile`, path));
}

/** 1-based line of an offset. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** `Dockerfile:12` (relative paths are the caller's to make), for messages and hovers. */
export function describeImageCheckSource(check: ImageCheck, relative: (file: string) => string = (f) => f): string {
  switch (check.kind) {
    case 'dockerfile':
      return `${relative(check.file)}${check.file.endsWith('(dockerfile_inline)') ? '' : `:${check.line}`}`;
    case 'none':
    case 'base-image':
    case 'unknown':
      return relative(check.file);
  }
}
