import type { Range } from '../../compose/range';
import type { DockerfileModel, HealthcheckInstruction, Stage } from '../../dockerfile/model';
import type { Fix, Severity } from '../types';

export interface DockerfileReport {
  at: Range;
  message: string;
  fixes?: Fix[];
}

export interface DockerfileRuleContext {
  readonly model: DockerfileModel;
  readonly text: string;
  report(report: DockerfileReport): void;
  /** 1-based line of an offset, for messages that point at another instruction. */
  lineOf(offset: number): number;
}

/**
 * One check over a Dockerfile: the same shape as a compose rule (rule.ts) — a stable code documented in
 * docs/rules.md, a severity (error = the build fails, warning = almost certainly a bug) — with a hook per
 * document and one per HEALTHCHECK instruction. Where the mistake is the one a compose rule finds, the
 * code is that rule's and the check is the one both call (../checks).
 */
export interface DockerfileRule {
  code: string;
  severity: Severity;
  checkDocument?(ctx: DockerfileRuleContext): void;
  checkHealthcheck?(hc: HealthcheckInstruction, stage: Stage, ctx: DockerfileRuleContext): void;
}
