import { effectiveHealthcheck } from '../compose/healthcheckSpec';
import type { DockerfileModel } from '../dockerfile/model';
import { healthcheckSpecOf, targetStage } from '../dockerfile/stages';
import { firstProbe, testDescription, timeToUnhealthy, valuesTable, type HoverContent } from './hover';

/**
 * The hover on a Dockerfile HEALTHCHECK instruction: what it puts in the image (parse.go
 * parseHealthcheck: the shell form becomes CMD-SHELL), its effective timing with the engine defaults
 * (interval 30s, timeout 30s, start period 0s, start interval 5s, retries 3; moby daemon/health.go),
 * when the first probe runs and how long a failure takes to become `unhealthy` — the same text as the
 * compose hover (hover.ts). An instruction a later one replaces, or one the build refuses, says so.
 */
export function dockerfileHover(model: DockerfileModel, offset: number, lineOf: (offset: number) => number): HoverContent | undefined {
  for (const stage of model.stages) {
    const hc = stage.healthchecks.find((h) => offset >= h.range.start && offset <= h.range.end);
    if (!hc) continue;
    const name = stage.name ? `stage \`${stage.name}\`` : `stage ${stage.index}`;
    const built = targetStage(model) === stage ? ' (the one `docker build` builds without `--target`)' : '';
    const title = `**HEALTHCHECK of ${name}**${built}`;
    const last = stage.healthchecks[stage.healthchecks.length - 1];
    const range = { start: hc.range.start, end: hc.range.end };
    if (hc !== last) {
      return { range, markdown: `${title}: not used — the HEALTHCHECK on line ${lineOf(last.range.start)} replaces it entirely (BuildKit keeps only the last one of a stage).` };
    }
    const spec = healthcheckSpecOf(hc);
    if (!spec) return { range, markdown: `${title}: the build fails on this instruction; see the problem reported on it.` };
    if (spec.test?.[0] === 'NONE') {
      return { range, markdown: `${title}: \`NONE\` — turns off the check the base image defines; the container gets no health status unless a compose \`healthcheck:\` sets one.` };
    }
    const eff = effectiveHealthcheck(spec);
    return {
      range,
      markdown: [
        `${title}: effective values`,
        testDescription(spec.test),
        valuesTable(spec, eff),
        firstProbe(eff, spec),
        ...timeToUnhealthy(eff),
        '_default_: not written, or `0` (which means "unset"): the engine default. A HEALTHCHECK replaces the base ' +
          "image's whole check, flags included (BuildKit dispatchHealthcheck); a compose file's `healthcheck:` can still override each value.",
      ].join('\n\n'),
    };
  }
  return undefined;
}
