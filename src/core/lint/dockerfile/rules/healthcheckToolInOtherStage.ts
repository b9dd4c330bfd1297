import type { DockerfileModel, Stage } from '../../../dockerfile/model';
import { installedBy, programsCalled } from '../../../dockerfile/installs';
import { lineage, originOf } from '../../../dockerfile/stages';
import type { DockerfileRule } from '../rule';

/**
 * The multi-stage trap: `RUN apk add curl` in a builder stage puts curl in the builder's image only; the
 * final stage starts from its own base, so a HEALTHCHECK calling curl there fails with "curl: not found"
 * (exit 127) unless that base has it. Reported when a program the HEALTHCHECK calls is installed by a
 * package manager in a stage this one is not built from, and neither installed in this stage's chain nor
 * copied into it (`COPY --from=build /usr/bin/curl …`).
 */
export const healthcheckToolInOtherStage: DockerfileRule = {
  code: 'healthcheck-tool-in-other-stage',
  severity: 'warning',
  checkHealthcheck(hc, stage, ctx) {
    // Only the check the image gets: an earlier one of the stage is healthcheck-overridden's.
    if (hc.typeName !== 'CMD' || hc !== stage.healthchecks[stage.healthchecks.length - 1]) return;
    const called = programsCalled(hc, ctx.text);
    if (called.length === 0) return;
    const chain = lineage(ctx.model, stage);
    for (const program of called) {
      const elsewhere = installedElsewhere(ctx.model, chain, program.name);
      if (!elsewhere || installedIn(chain, program.name)) continue;
      const where = elsewhere.stage.name ? `stage "${elsewhere.stage.name}"` : `stage ${elsewhere.stage.index}`;
      const origin = originOf(ctx.model, stage);
      const base = origin.kind === 'scratch' ? 'scratch' : origin.kind === 'image' ? origin.image : 'its base';
      ctx.report({
        at: program.range,
        message: `${program.name} is installed in ${where} (line ${ctx.lineOf(elsewhere.run)}), not in this stage, which is built from ${base}: unless ${base} has ${program.name}, every probe fails with "${program.name}: not found" (exit 127). Install it in this stage too, or copy it in with COPY --from.`,
      });
    }
  },
};

/** Whether the stages of `chain` install `program` or copy it in (`COPY --from=build /usr/bin/curl …`, or a whole bin folder). */
function installedIn(chain: readonly Stage[], program: string): boolean {
  return chain.some(
    (s) =>
      s.runs.some((r) => r.script.includes(program) && installedBy(r).some((i) => i.program === program)) ||
      s.copies.some((c) => c.sources.some((src) => src === program || src.endsWith(`/${program}`) || /\/(s?bin)\/?$/.test(src))),
  );
}

/** Where each program is first installed in the file: one pass over the RUNs per parse, shared by every HEALTHCHECK. */
const firstInstalls = new WeakMap<DockerfileModel, Map<string, Array<{ stage: Stage; run: number }>>>();

function installedElsewhere(model: DockerfileModel, chain: readonly Stage[], program: string): { stage: Stage; run: number } | undefined {
  let byProgram = firstInstalls.get(model);
  if (!byProgram) {
    byProgram = new Map();
    for (const stage of model.stages) {
      for (const run of stage.runs) {
        for (const installed of installedBy(run)) {
          const places = byProgram.get(installed.program) ?? [];
          if (!places.some((p) => p.stage === stage)) places.push({ stage, run: run.range.start });
          byProgram.set(installed.program, places);
        }
      }
    }
    firstInstalls.set(model, byProgram);
  }
  return byProgram.get(program)?.find((p) => !chain.includes(p.stage));
}
