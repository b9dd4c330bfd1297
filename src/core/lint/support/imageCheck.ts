import * as path from 'node:path';
import type { HealthcheckView } from '../../compose/analyze';
import { describeImageCheckSource, type ImageCheck } from '../../dockerfile/imageCheck';
import type { RuleContext } from '../rule';

/**
 * What the workspace's Dockerfiles say of a service's image, for the rules: it carries a check that runs,
 * it carries none, or nothing is known (no Dockerfile in the workspace builds it, the Dockerfile inherits
 * from a registry image, or BuildKit would refuse its HEALTHCHECK — the Dockerfile rules say so there).
 */
export type ImageVerdict =
  | { runs: true; check: Extract<ImageCheck, { kind: 'dockerfile' }>; where: string; test: string[] }
  | { runs: false; where: string; why: string };

export function imageVerdict(ctx: RuleContext, service: string): ImageVerdict | undefined {
  const check = ctx.imageChecks?.get(service);
  if (!check) return undefined;
  // Paths as the user reads them: relative to the compose file's folder.
  const folder = path.dirname(ctx.analysis.fileName || '.');
  const where = describeImageCheckSource(check, (file) => (path.isAbsolute(file) ? path.relative(folder, file) || file : file));
  if (check.kind === 'none') return { runs: false, where, why: `${where} writes no HEALTHCHECK and its stages start from \`scratch\`` };
  if (check.kind !== 'dockerfile' || !check.spec?.test) return undefined;
  const test = check.spec.test;
  if (test[0] === 'NONE') return { runs: false, where, why: `\`HEALTHCHECK NONE\` at ${where} turns the image's check off` };
  return { runs: true, check, where, test };
}

/** The image's test as one line, for messages: `curl -f http://localhost/` (shell form) or the argv as JSON. */
export function testText(test: readonly string[]): string {
  const text = test[0] === 'CMD-SHELL' ? test[1] ?? '' : JSON.stringify(test.slice(1));
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

const TIMING = ['interval', 'timeout', 'start_period', 'start_interval', 'retries'];

/**
 * A healthcheck mapping with timing keys and neither `test` nor `disable`: it only re-times the image's
 * HEALTHCHECK (the engine fills the empty test from the image at create). Not said of an override whose
 * base file is unknown: it may get its test from there.
 */
export function onlyRetimesImage(hc: HealthcheckView, ctx: RuleContext): boolean {
  if (!hc.map || hc.entries.has('test') || hc.entries.has('disable') || ctx.analysis.baseUnknown) return false;
  return TIMING.some((key) => hc.entries.has(key));
}
