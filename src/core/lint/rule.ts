import type { Node } from 'yaml';
import type { ComposeAnalysis, HealthcheckView, ServiceView } from '../compose/analyze';
import type { Range } from '../compose/range';
import type { Via } from '../compose/yamlIndex';
import type { ImageCheck } from '../dockerfile/imageCheck';
import type { EngineTarget, Fix, Severity } from './types';

/** Where a reported node came from: an alias/merge site in this file, or another file. */
export interface Origin {
  via?: Via;
  foreign?: string;
}

export interface Report {
  /** The node (or range) where the problem is written. */
  at: Node | Range;
  /** Set when `at` was reached through an alias/merge key or lives in another file. */
  origin?: Origin;
  message: string;
  fixes?: Fix[];
}

export interface RuleContext {
  readonly analysis: ComposeAnalysis;
  readonly text: string;
  /** The engine the file is meant for, when known (see `LintContext`). */
  readonly engine?: EngineTarget;
  /** What each service's image carries, where the workspace's Dockerfiles tell (see `LintContext`). */
  readonly imageChecks?: ReadonlyMap<string, ImageCheck>;
  /** The file is deployed as a Swarm stack (see `LintContext.stack`). */
  readonly stack?: boolean;
  report(report: Report): void;
}

/**
 * One check. `code` is stable (docs/rules.md#<code>); `severity`: error = Compose or the engine rejects
 * it, warning = almost certainly a bug, info = worth knowing. The rules run over the model built by one
 * parse: a document hook, then one call per service and per healthcheck of this file.
 */
export interface Rule {
  code: string;
  severity: Severity;
  /**
   * Set for rules that reason about the whole file or project (structure, which services exist): they do
   * not run while the YAML has syntax errors, whose half-read tree would make them report artifacts.
   */
  needsValidYaml?: boolean;
  checkDocument?(ctx: RuleContext): void;
  checkService?(service: ServiceView, ctx: RuleContext): void;
  checkHealthcheck?(healthcheck: HealthcheckView, service: ServiceView, ctx: RuleContext): void;
}
