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
  const analysis = analyzeCompose(text, options);
  const collector = new FindingCollector(text.length, analysis.limits.maxFindings);
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
      collector.add(
        { code: 'internal-error', severity: 'warning' },
        { at: { start: 0, end: 0 }, message: `Compose Health could not finish the "${rule.code}" check (${String(error)}); please report this with the file.` },
      );
    }
  }
  return collector.findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}
