import * as assert from 'node:assert/strict';
import { loadCompose } from '../../../src/core/compose/load';
import { imageChecksOf, type ImageCheck } from '../../../src/core/dockerfile/imageCheck';
import { parseDockerfile } from '../../../src/core/dockerfile/parse';

function checks(compose: string, files: Record<string, string>): Map<string, ImageCheck> {
  const read = (p: string) => files[p] ?? { ok: false as const, reason: 'missing' as const };
  const result = imageChecksOf(loadCompose(compose, { fileName: '/p/compose.yaml', readFile: read }), read, parseDockerfile);
  return result;
}

describe('the HEALTHCHECK a service\'s image carries, from the workspace\'s Dockerfiles', () => {
  it('reads the last stage, or the target, and the last HEALTHCHECK of the chain of stages', () => {
    const dockerfile = [
      'FROM busybox AS base',
      'HEALTHCHECK --interval=5s CMD wget -q -O- http://localhost/ || exit 1',
      'FROM base AS debug',
      'HEALTHCHECK NONE',
      'FROM base AS final',
      'CMD ["httpd"]',
      '',
    ].join('\n');
    const found = checks(
      'services:\n  web:\n    build: .\n  dbg:\n    build: {context: ., target: debug}\n  nostage:\n    build: {context: ., target: nope}\n',
      { '/p/Dockerfile': dockerfile },
    );
    const web = found.get('web');
    assert.equal(web?.kind, 'dockerfile');
    assert.deepEqual(web.kind === 'dockerfile' && [web.file, web.line, web.stage, web.spec], [
      '/p/Dockerfile',
      2,
      'base',
      { test: ['CMD-SHELL', 'wget -q -O- http://localhost/ || exit 1'], intervalNs: 5e9 },
    ]);
    const dbg = found.get('dbg');
    assert.deepEqual(dbg?.kind === 'dockerfile' && [dbg.line, dbg.stage, dbg.spec], [4, 'debug', { test: ['NONE'] }]);
    assert.deepEqual(found.get('nostage'), { kind: 'unknown', file: '/p/Dockerfile', reason: 'it has no stage named "nope"' });
  });

  it('tells an image from scratch without a check from one that inherits a registry image\'s', () => {
    const found = checks('services:\n  a:\n    build: ./a\n  b:\n    build: ./b\n  c:\n    build: ./c\n', {
      '/p/a/Dockerfile': 'FROM golang AS build\nRUN go build\nFROM scratch\nCOPY --from=build /app /app\n',
      '/p/b/Dockerfile': 'FROM node:20\nCMD ["node", "app.js"]\n',
    });
    assert.deepEqual(found.get('a'), { kind: 'none', file: '/p/a/Dockerfile' });
    assert.deepEqual(found.get('b'), { kind: 'base-image', file: '/p/b/Dockerfile', image: 'node:20' });
    assert.deepEqual(found.get('c'), { kind: 'unknown', file: '/p/c/Dockerfile', reason: 'it does not exist' });
  });

  it('gives a service the check of the Dockerfile another service builds its image with, and reads Containerfile when there is no Dockerfile', () => {
    const found = checks(
      'services:\n  builder:\n    build: ./app\n    image: shop/app:dev\n  worker:\n    image: shop/app:dev\n  other:\n    image: postgres\n',
      { '/p/app/Containerfile': 'FROM busybox\nHEALTHCHECK CMD ["true"]\n' },
    );
    assert.equal(found.get('worker'), found.get('builder'));
    const builder = found.get('builder');
    assert.deepEqual(builder?.kind === 'dockerfile' && [builder.file, builder.line, builder.stage, builder.spec], ['/p/app/Containerfile', 2, '#0', { test: ['CMD', 'true'] }]);
    assert.equal(found.has('other'), false, 'a registry image is the engine\'s to tell');
  });

  it('reads dockerfile_inline, and a HEALTHCHECK BuildKit would refuse gives no spec', () => {
    const found = checks(
      'services:\n  inline:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM busybox\n        HEALTHCHECK --interval=5 CMD true\n',
      {},
    );
    const inline = found.get('inline');
    assert.equal(inline?.kind, 'dockerfile');
    assert.equal(inline.kind === 'dockerfile' && inline.file, '/p (dockerfile_inline)');
    assert.equal(inline.kind === 'dockerfile' && inline.spec, undefined, '--interval=5 has no unit: the build fails');
  });
});
