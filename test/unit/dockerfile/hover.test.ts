import * as assert from 'node:assert/strict';
import { LineIndex } from '../../../src/core/compose/range';
import { parseDockerfile } from '../../../src/core/dockerfile/parse';
import { dockerfileHover } from '../../../src/core/lint/dockerfileHover';

function hoverAt(text: string, snippet: string): string | undefined {
  const lines = new LineIndex(text);
  return dockerfileHover(parseDockerfile(text), text.indexOf(snippet), (o) => lines.positionAt(o).line + 1)?.markdown;
}

describe('Dockerfile HEALTHCHECK hover', () => {
  it('gives the effective timing with the engine defaults for what is not written', () => {
    const markdown = hoverAt('FROM alpine AS app\nHEALTHCHECK --interval=10s --retries=5 CMD curl -f http://x || exit 1\n', 'CMD curl')!;
    assert.match(markdown, /\*\*HEALTHCHECK of stage `app`\*\* \(the one `docker build` builds without `--target`\): effective values/);
    assert.match(markdown, /\| interval \| 10s \| file \|/);
    assert.match(markdown, /\| timeout \| 30s \| default \|/);
    assert.match(markdown, /\| start_period \| 0s \| default \|/);
    assert.match(markdown, /\| start_interval \| 5s \| default \|/);
    assert.match(markdown, /\| retries \| 5 \| file \|/);
    assert.match(markdown, /run by the container's shell/);
    assert.match(markdown, /at most 3m20s = retries 5 × \(interval 10s \+ timeout 30s\)/);
  });
  it('says an earlier HEALTHCHECK is replaced, NONE turns the check off, and a refused one fails the build', () => {
    const text = 'FROM alpine\nHEALTHCHECK CMD a\nHEALTHCHECK NONE\nFROM alpine\nHEALTHCHECK --interval=30 CMD b\n';
    assert.match(hoverAt(text, 'CMD a')!, /not used — the HEALTHCHECK on line 3 replaces it/);
    assert.match(hoverAt(text, 'NONE')!, /`NONE` — turns off the check the base image defines/);
    assert.match(hoverAt(text, 'CMD b')!, /the build fails on this instruction/);
    assert.match(hoverAt('FROM alpine\nHEALTHCHECK CMD-SHELL x\n', 'CMD-SHELL')!, /the build fails on this instruction/);
  });
  it('gives nothing outside a HEALTHCHECK', () => {
    assert.equal(hoverAt('FROM alpine\nRUN true\nHEALTHCHECK CMD true\n', 'RUN'), undefined);
  });
});
