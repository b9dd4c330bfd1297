import * as assert from 'node:assert/strict';
import { parseDockerfile } from '../../../src/core/dockerfile/parse';
import { healthcheckSpecOf, stageHealthcheck, targetStage } from '../../../src/core/dockerfile/stages';

const slice = (text: string, range: { start: number; end: number }) => text.slice(range.start, range.end);

describe('Dockerfile model (dockerfile-ast, HEALTHCHECK read as BuildKit reads it)', () => {
  it('reads stages: names (lower-cased), scratch, a stage built from another, an image', () => {
    const model = parseDockerfile('ARG V=3.20\nFROM alpine:${V} AS Build\nFROM scratch\nFROM build AS final\n');
    assert.deepEqual(
      model.stages.map((s) => [s.name, s.base, s.baseKind]),
      [
        ['build', 'alpine:${V}', { kind: 'image', image: 'alpine:${V}' }],
        [undefined, 'scratch', { kind: 'scratch' }],
        ['final', 'build', { kind: 'stage', stage: 0 }],
      ],
    );
  });

  it('reads FROM and COPY --from as BuildKit does: flags first, a continued FROM, COPY sources in the JSON form', () => {
    const text = 'FROM --platform=$BUILDPLATFORM golang:1.22 \\\n  AS Build\nFROM alpine\nCOPY --from=build --chmod=755 ["/go/bin/app", "/usr/bin/curl", "/usr/local/bin/"]\nCOPY --from=Build /a /b /dest/\nCOPY ./c /d\n';
    const [build, final] = parseDockerfile(text).stages;
    assert.deepEqual([build.name, build.base, slice(text, build.baseRange)], ['build', 'golang:1.22', 'golang:1.22']);
    assert.deepEqual(final.baseKind, { kind: 'image', image: 'alpine' });
    assert.deepEqual(
      final.copies.map((c) => [c.from, c.sources]),
      [
        ['build', ['/go/bin/app', '/usr/bin/curl']],
        ['build', ['/a', '/b']],
      ],
    );
  });

  it('reads flags, the type and the exec form over continuation lines, with item ranges in the source', () => {
    const text = 'FROM alpine\nHEALTHCHECK --interval=5s \\\n  # a comment inside the continuation\n  --timeout=3s CMD ["curl", \\\n\n   "-f", "http://x"]\n';
    const hc = parseDockerfile(text).stages[0].healthchecks[0];
    assert.deepEqual(hc.flags.map((f) => [f.name, f.value, slice(text, f.range)]), [['interval', '5s', '--interval=5s'], ['timeout', '3s', '--timeout=3s']]);
    assert.equal(hc.type?.text, 'CMD');
    assert.ok(hc.command?.form === 'exec');
    assert.deepEqual(hc.command.items.map((i) => [i.text, slice(text, i.range)]), [['curl', '"curl"'], ['-f', '"-f"'], ['http://x', '"http://x"']]);
  });

  it('reads the shell form as one script, and text that is not JSON as the shell form', () => {
    const model = parseDockerfile('FROM alpine\nHEALTHCHECK CMD curl -f http://x || exit 1\nFROM alpine\nHEALTHCHECK CMD ["curl", \n');
    const [a, b] = model.stages.map((s) => s.healthchecks[0].command);
    assert.deepEqual(a, { form: 'shell', script: 'curl -f http://x || exit 1', range: { start: 28, end: 54 } });
    assert.ok(b?.form === 'shell' && b.jsonError !== undefined);
  });

  it('follows the escape directive: a backtick continues lines, and an invalid one is kept for its rule', () => {
    const text = '# escape=`\nFROM alpine\nHEALTHCHECK `\n  CMD true\n';
    const model = parseDockerfile(text);
    assert.equal(model.escape, '`');
    assert.equal(model.stages[0].healthchecks[0].type?.text, 'CMD');
    assert.deepEqual(parseDockerfile('# escape=x\nFROM a\n').invalidEscape?.value, 'x');
  });

  it('reads RUN heredocs and package installs as part of the stage', () => {
    const model = parseDockerfile('FROM alpine\nRUN <<EOT\napk add curl\nEOT\nHEALTHCHECK CMD curl -f x\n');
    assert.match(model.stages[0].runs[0].script, /apk add curl/);
    assert.equal(model.stages[0].healthchecks.length, 1);
  });

  it('gives a stage\'s effective HEALTHCHECK: the last written in it or a stage it is built from, else the base image\'s', () => {
    const model = parseDockerfile('FROM alpine AS base\nHEALTHCHECK CMD a\nHEALTHCHECK --interval=5s --retries=2 CMD ["b"]\nFROM base AS app\nFROM nginx\nFROM scratch\n');
    const app = stageHealthcheck(model, targetStage(model, 'APP')!);
    assert.ok(app.source === 'dockerfile');
    assert.equal(app.stage.name, 'base');
    assert.deepEqual(healthcheckSpecOf(app.instruction), { test: ['CMD', 'b'], intervalNs: 5e9, retries: 2 });
    assert.deepEqual(stageHealthcheck(model, model.stages[2]), { source: 'base-image', image: 'nginx' });
    assert.deepEqual(stageHealthcheck(model, targetStage(model)!), { source: 'none' });
    assert.deepEqual(healthcheckSpecOf(model.stages[0].healthchecks[0]), { test: ['CMD-SHELL', 'a'] });
  });
});
