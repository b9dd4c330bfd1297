import { analyzeCompose } from '../compose/analyze';
import { FindingCollector } from './report';
import type { RuleContext } from './rule';
import { RULES } from './rules';
import type { Finding, LintOptions } from './types';

export * from './types';
export { RULES } from './rules';

/**
 * Checks a compose document: one parse (`analyzeCompose`), then every rule over that model. Never throws:
 * a rule that fails on input nobody foresaw is reported as an internal-error finding instead.
 */
export function lintText(text: string, options: LintOptions = {}): Finding[] {
  let analysis;
  try {
    analysis = analyzeCompose(text, options);
  } catch (error) {
    return [internalError('the compose model', error)];
  }
  const collector = new FindingCollector(text, analysis.limits.maxFindings);
  for (const rule of RULES) {
    const ctx: RuleContext = { analysis, text, report: (r) => collector.add(rule, r) };
    try {
      rule.checkDocument?.(ctx);
      if (rule.checkService || rule.checkHealthcheck) {
        for (const service of analysis.services) {
          rule.checkService?.(service, ctx);
          if (service.healthcheck) rule.checkHealthcheck?.(service.healthcheck, service, ctx);
        }
      }
    } catch (error) {
      const finding = internalError(`the "${rule.code}" check`, error);
      collector.add({ code: finding.code, severity: finding.severity }, { at: finding.range, message: finding.message });
    }
  }
  return collector.findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

/** A bug of ours met on unforeseen input: shown as a finding, never thrown into the editor or the CLI. */
function internalError(what: string, error: unknown): Finding {
  return {
    code: 'internal-error',
    severity: 'warning',
    message: `Compose Health could not finish ${what} (${String(error)}); the other results are shown. Please report this with the file.`,
    range: { start: 0, end: 0 },
  };
}
