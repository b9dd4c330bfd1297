import { analyzeCompose, type ComposeAnalysis } from '../compose/analyze';
import { FindingCollector, internalError } from './report';
import type { Rule, RuleContext } from './rule';
import { RULES } from './rules';
import type { Finding, LintContext, LintOptions } from './types';

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
  return lintAnalysis(analysis, { engine: options.engine, imageChecks: options.imageChecks, stack: options.stack });
}

/**
 * The rules over an analysis already made (e.g. the one `modelOf` used): nothing is parsed twice. The
 * context (the engine) is not part of the parse, so the same analysis is checked again when it changes.
 */
export function lintAnalysis(analysis: ComposeAnalysis, context: LintContext = {}): Finding[] {
  const text = analysis.text;
  const collector = new FindingCollector(text, analysis.limits.maxFindings);
  const rules = analysis.documents.some((doc) => doc.errors.length > 0) ? RULES.filter((rule) => !rule.needsValidYaml) : RULES;
  const contexts = rules.map((rule): RuleContext => ({ analysis, text, engine: context.engine, imageChecks: context.imageChecks, stack: context.stack, report: (r) => collector.add(rule, r) }));
  const failed = (rule: Rule, error: unknown) => collector.addInternalError(`the "${rule.code}" check`, error);
  for (let r = 0; r < rules.length; r++) {
    try {
      rules[r].checkDocument?.(contexts[r]);
    } catch (error) {
      failed(rules[r], error);
    }
  }
  // One walk over the services; every rule sees each service while it is at hand.
  const perService = rules.map((_, r) => r).filter((r) => rules[r].checkService || rules[r].checkHealthcheck);
  for (const service of analysis.services) {
    const hc = service.healthcheck;
    for (const r of perService) {
      const rule = rules[r];
      try {
        rule.checkService?.(service, contexts[r]);
        if (hc) rule.checkHealthcheck?.(hc, service, contexts[r]);
      } catch (error) {
        failed(rule, error);
      }
    }
  }
  return collector.findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}
