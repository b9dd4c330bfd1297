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
    if (hc.type?.text.toUpperCase() !== 'CMD') return;
    const called = programsCalled(hc, ctx.text);
    if (called.length === 0) return;
    const chain = lineage(ctx.model, stage);
    const own = new Set(chain.flatMap((s) => s.runs.flatMap((r) => installedBy(r).map((i) => i.program))));
    const copied = chain.flatMap((s) => s.copies.flatMap((c) => c.sources));
    for (const program of called) {
      if (own.has(program.name) || copied.some((src) => src === program.name || src.endsWith(`/${program.name}`) || /\/(s?bin)\/?$/.test(src))) continue;
      const elsewhere = installedElsewhere(ctx.model, chain, program.name);
      if (!elsewhere) continue;
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

function installedElsewhere(model: DockerfileModel, chain: readonly Stage[], program: string): { stage: Stage; run: number } | undefined {
  for (const stage of model.stages) {
    if (chain.includes(stage)) continue;
    for (const run of stage.runs) {
      if (installedBy(run).some((i) => i.program === program)) return { stage, run: run.range.start };
    }
  }
  return undefined;
}
