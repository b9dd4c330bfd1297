import { ENGINE_DEFAULTS, type HealthcheckSpec } from '../compose/healthcheckSpec';

/**
 * What the file's healthcheck asks for, decided before any container is looked at (moby
 * daemon/health.go `getProbe`): a command to run, the image's own command, or nothing at all.
 */
export type FileCheck =
  | { kind: 'command'; test: string[] }
  | { kind: 'image-command' }
  | { kind: 'nothing'; reason: NothingReason; message: string };

export type NothingReason = 'disabled' | 'unknown-type' | 'no-command';

export function classifyFileCheck(spec: HealthcheckSpec): FileCheck {
  const test = spec.test;
  if (test === undefined || test.length === 0) return { kind: 'image-command' };
  return classifyTest(test) ?? { kind: 'command', test };
}

/** The cases where the engine runs no probe for a test; undefined when it runs one. */
function classifyTest(test: string[]): Extract<FileCheck, { kind: 'nothing' }> | undefined {
  const [type, ...rest] = test;
  if (type === 'NONE') {
    return { kind: 'nothing', reason: 'disabled', message: 'healthcheck disabled: Docker runs no probe' };
  }
  if (type !== 'CMD' && type !== 'CMD-SHELL') {
    return {
      kind: 'nothing',
      reason: 'unknown-type',
      message: `test starts with "${type}", not CMD, CMD-SHELL or NONE: Docker runs no probe (write ["CMD", …] or a string)`,
    };
  }
  if (type === 'CMD' && rest.length === 0) {
    return { kind: 'nothing', reason: 'no-command', message: 'CMD without a command: Docker runs no probe' };
  }
  return undefined;
}

/** A probe ready to run in one container. */
export interface ProbePlan {
  /** The test as Docker stores it (`["CMD", …]` or `["CMD-SHELL", …]`). */
  test: string[];
  /** Exactly what is executed: argv, never a host shell line. */
  argv: string[];
  user: string;
  workingDir: string;
  timeoutNs: number;
  /** The command is the image's HEALTHCHECK; the file only tunes its timing. */
  fromImage: boolean;
}

export interface ContainerRuntime {
  shell?: string[];
  user: string;
  workingDir: string;
}

export type PlanResult = { ok: true; plan: ProbePlan } | { ok: false; reason: NothingReason | 'no-image-check'; message: string };

/**
 * Builds the exec the engine would run for this healthcheck in this container (moby daemon/health.go
 * `cmdProbe.run`): CMD → argv[1:] as given; CMD-SHELL → the container's `Config.Shell`, else
 * `/bin/sh -c`, with the command as ONE argument and further items as $0, $1, …; the container's user
 * and working directory. The timeout is the file's, else the image's, else 30 s.
 */
export function planProbe(file: HealthcheckSpec, container: ContainerRuntime, imageCheck?: HealthcheckSpec): PlanResult {
  const fileCheck = classifyFileCheck(file);
  if (fileCheck.kind === 'nothing') return { ok: false, reason: fileCheck.reason, message: fileCheck.message };
  let test: string[];
  if (fileCheck.kind === 'command') {
    test = fileCheck.test;
  } else {
    if (!imageCheck?.test || imageCheck.test.length === 0) {
      return { ok: false, reason: 'no-image-check', message: 'no test here and the image has no HEALTHCHECK: Docker runs no probe' };
    }
    const imageNothing = classifyTest(imageCheck.test);
    if (imageNothing) return { ok: false, reason: imageNothing.reason, message: `the image's HEALTHCHECK: ${imageNothing.message}` };
    test = imageCheck.test;
  }
  const command = test.slice(1);
  const argv = test[0] === 'CMD-SHELL' ? [...(container.shell?.length ? container.shell : ['/bin/sh', '-c']), ...command] : command;
  return {
    ok: true,
    plan: {
      test,
      argv,
      user: container.user,
      workingDir: container.workingDir,
      timeoutNs: file.timeoutNs || imageCheck?.timeoutNs || ENGINE_DEFAULTS.timeoutNs,
      fromImage: fileCheck.kind === 'image-command',
    },
  };
}
