import { DEFAULT_LIMITS, type Limits } from '../../compose/limits';
import { LineIndex } from '../../compose/range';
import type { DockerfileModel } from '../../dockerfile/model';
import { parseDockerfile } from '../../dockerfile/parse';
import { FindingCollector, internalError } from '../report';
import type { Finding } from '../types';
import type { DockerfileRuleContext } from './rule';
import { DOCKERFILE_RULES } from './rules';

export { DOCKERFILE_RULES } from './rules';

/** Checks a Dockerfile's text: one parse, then every Dockerfile rule. Never throws. */
export function lintDockerfileText(text: string, limits: Pick<Limits, 'maxChars'> = DEFAULT_LIMITS): Finding[] {
  let model: DockerfileModel;
  try {
    model = parseDockerfile(text, limits);
  } catch (error) {
    return [internalError('the Dockerfile parse', error)];
  }
  return lintDockerfile(model);
}

/** The rules over a parse already made (the editor's, shared with the hover). */
export function lintDockerfile(model: DockerfileModel): Finding[] {
  const collector = new FindingCollector(model.text, DEFAULT_LIMITS.maxFindings);
  let lines: LineIndex | undefined;
  const lineOf = (offset: number) => (lines ??= new LineIndex(model.text)).positionAt(offset).line + 1;
  for (const rule of DOCKERFILE_RULES) {
    // One context per rule, for every HEALTHCHECK it looks at.
    const ctx: DockerfileRuleContext = { model, text: model.text, lineOf, report: (r) => collector.add({ code: rule.code, severity: rule.severity }, r) };
    try {
      rule.checkDocument?.(ctx);
      if (rule.checkHealthcheck) {
        for (const stage of model.stages) {
          for (const hc of stage.healthchecks) rule.checkHealthcheck(hc, stage, ctx);
        }
      }
    } catch (error) {
      collector.addInternalError(`the "${rule.code}" check`, error);
    }
  }
  return collector.findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}
