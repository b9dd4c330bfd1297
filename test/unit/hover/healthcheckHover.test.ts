import * as assert from 'node:assert/strict';
import { loadCompose } from '../../../src/core/compose/load';
import { imageChecksOf } from '../../../src/core/dockerfile/imageCheck';
import { parseDockerfile } from '../../../src/core/dockerfile/parse';
import { healthcheckHover } from '../../../src/core/lint/hover';

/** The hover at the first occurrence of `marker` in `text` (offset just inside it). */
function hoverAt(text: string, marker: string) {
  const offset = text.indexOf(marker);
  assert.ok(offset >= 0, `marker ${marker} is in the text`);
  return healthcheckHover(loadCompose(text), offset + 1);
}

function row(markdown: string, key: string): string {
  const line = markdown.split('\n').find((l) => l.startsWith(`| ${key} |`));
  assert.ok(line, `a row for ${key}`);
  return line;
}

describe('healthcheck hover', () => {
  const full = `services:
  web:
    image: nginx
    healthcheck:
      test: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]
      interval: 10s
      timeout: 2s
      retries: 5
  db:
    image: postgres
`;

  it('shows nothing outside a healthcheck', () => {
    assert.equal(hoverAt(full, 'image: postgres'), undefined);
    assert.equal(hoverAt(full, 'services'), undefined);
  });

  it('on the healthcheck: key it covers the key; inside the block it covers the block', () => {
    const onKey = hoverAt(full, 'healthcheck:');
    assert.ok(onKey);
    assert.equal(full.slice(onKey.range.start, onKey.range.end), 'healthcheck');
    const inside = hoverAt(full, 'retries: 5');
    assert.ok(inside);
    assert.ok(full.slice(inside.range.start, inside.range.end).includes('interval: 10s'));
  });

  it('lists the effective values and says which come from the defaults', () => {
    const md = hoverAt(full, 'interval: 10s')!.markdown;
    assert.match(md, /Healthcheck of `web`/);
    assert.match(row(md, 'interval'), /\| 10s \| file \|/);
    assert.match(row(md, 'timeout'), /\| 2s \| file \|/);
    assert.match(row(md, 'retries'), /\| 5 \| file \|/);
    assert.match(row(md, 'start_period'), /\| 0s \| default \|/);
    assert.match(row(md, 'start_interval'), /\| 5s \| default \|/);
    assert.match(md, /curl -f http:\/\/localhost\/ \|\| exit 1/);
    assert.match(md, /container's shell/);
  });

  it('the first probe runs one interval after start when there is no start period', () => {
    assert.match(hoverAt(full, 'interval: 10s')!.markdown, /\*\*First probe\*\*: 10s after the container starts \(one interval\)/);
  });

  it('worst case to unhealthy is retries × (interval + timeout)', () => {
    // 5 × (10s + 2s) = 60s; fast failures 5 × 10s = 50s.
    const md = hoverAt(full, 'interval: 10s')!.markdown;
    assert.match(md, /\*\*Failure → unhealthy\*\*: at most 1m0s = retries 5 × \(interval 10s \+ timeout 2s\)/);
    assert.match(md, /about 50s \(retries × interval\)/);
  });

  it('all defaults: 30s interval and timeout, 3 retries → at most 3m0s', () => {
    const text = 'services:\n  api:\n    healthcheck:\n      test: ["CMD", "/bin/check"]\n';
    const md = hoverAt(text, 'test:')!.markdown;
    for (const key of ['interval', 'timeout', 'retries']) assert.match(row(md, key), /\| default \|$/);
    assert.match(md, /First probe\*\*: 30s after the container starts/);
    assert.match(md, /at most 3m0s = retries 3 × \(interval 30s \+ timeout 30s\)/);
    assert.match(md, /executed directly, no shell/);
    assert.match(md, /\["\/bin\/check"\]/);
  });

  it('zero values are shown as defaults, because the engine reads 0 as unset', () => {
    const text = 'services:\n  api:\n    healthcheck:\n      test: ["CMD", "true"]\n      interval: 0s\n      retries: 0\n';
    const md = hoverAt(text, 'retries')!.markdown;
    assert.match(row(md, 'interval'), /\| 30s \| default \(`0` means unset\) \|/);
    assert.match(row(md, 'retries'), /\| 3 \| default \(`0` means unset\) \|/);
  });

  it('a negative value is not taken: the default is shown and the engine\'s rejection named', () => {
    const text = 'services:\n  api:\n    healthcheck:\n      test: ["CMD", "true"]\n      retries: -2\n';
    assert.match(row(hoverAt(text, 'retries')!.markdown, 'retries'), /\| 3 \| default here, but the engine rejects a negative value \|/);
  });

  it('with a start period the first probe runs after start_interval, and never-healthy containers get a bound', () => {
    const text = `services:
  api:
    healthcheck:
      test: curl -f http://localhost/
      interval: 20s
      timeout: 5s
      start_period: 1m
      start_interval: 2s
`;
    const md = hoverAt(text, 'start_period')!.markdown;
    assert.match(md, /First probe\*\*: 2s after the container starts \(start_interval/);
    assert.match(md, /then every 20s/);
    assert.match(md, /Engines before 25 ignore start_interval/);
    // 1m + 5s + 3 × (20s + 5s) = 2m20s.
    assert.match(md, /never becomes healthy is `unhealthy` at most 2m20s after it starts/);
  });

  it('a start period without start_interval uses the 5s default (Engine ≥ 27)', () => {
    const text = 'services:\n  api:\n    healthcheck:\n      test: ["CMD", "true"]\n      start_period: 30s\n';
    const md = hoverAt(text, 'start_period')!.markdown;
    assert.match(md, /First probe\*\*: 5s after the container starts/);
    assert.match(md, /Engines 25–26 use the interval/);
  });

  it('disable: true means no probe and no health status', () => {
    const text = 'services:\n  api:\n    healthcheck:\n      disable: true\n';
    const md = hoverAt(text, 'disable')!.markdown;
    assert.match(md, /disabled/);
    assert.match(md, /has no healthcheck configured/);
    assert.doesNotMatch(md, /First probe/);
  });

  it('test: ["NONE"] is disabled too', () => {
    const md = hoverAt('services:\n  api:\n    healthcheck:\n      test: ["NONE"]\n', 'NONE')!.markdown;
    assert.match(md, /disabled/);
  });

  it('a string NONE is not disabled: it runs a command named NONE', () => {
    const md = hoverAt('services:\n  api:\n    healthcheck:\n      test: NONE\n', 'test')!.markdown;
    assert.doesNotMatch(md, /: disabled/);
    assert.match(md, /runs a command named NONE/);
    assert.match(md, /disable: true/);
  });

  it('["CMD"] with no command runs no probe', () => {
    const md = hoverAt('services:\n  api:\n    healthcheck:\n      test: ["CMD"]\n', 'test')!.markdown;
    assert.match(md, /has no command, so no probe runs/);
  });

  it('an unknown test type silently disables the check', () => {
    const md = hoverAt('services:\n  api:\n    healthcheck:\n      test: ["SHELL", "true"]\n', 'test')!.markdown;
    assert.match(md, /`SHELL` is not a test type the engine knows/);
  });

  it('timing without a test uses the image\'s HEALTHCHECK', () => {
    const md = hoverAt('services:\n  api:\n    image: x\n    healthcheck:\n      interval: 5s\n', 'interval')!.markdown;
    assert.match(md, /image's own HEALTHCHECK test runs with the timing below/);
    assert.match(md, /nothing is probed/);
    assert.match(row(md, 'interval'), /\| 5s \| file \|/);
  });

  it('a healthcheck inherited through extends: file is shown on the service that inherits it', () => {
    const files: Record<string, string> = {
      '/project/common.yaml': 'services:\n  base:\n    image: x\n    healthcheck:\n      test: ["CMD", "true"]\n      interval: 7s\n',
    };
    const text = 'services:\n  api:\n    extends:\n      file: common.yaml\n      service: base\n';
    const model = loadCompose(text, { fileName: '/project/compose.yaml', readFile: (p) => files[p] });
    const hover = healthcheckHover(model, text.indexOf('api') + 1);
    assert.ok(hover, 'a hover on the service key');
    assert.equal(text.slice(hover.range.start, hover.range.end), 'api');
    assert.match(row(hover.markdown, 'interval'), /\| 7s \| file \|/);
  });

  it('extra items after a CMD-SHELL command are named as $0, $1…', () => {
    const md = hoverAt('services:\n  api:\n    healthcheck:\n      test: ["CMD-SHELL", "exit 0", "dropped"]\n', 'test')!.markdown;
    assert.match(md, /The 1 item\(s\) after the command become `\$0`/);
  });

  describe('with the image\'s HEALTHCHECK from the workspace Dockerfile (the effective check across files)', () => {
    const DOCKERFILE = 'FROM busybox AS base\nHEALTHCHECK --interval=5s --retries=4 CMD wget -q -O- http://localhost/ || exit 1\nFROM base AS final\n';
    function hoverWithImage(text: string, marker: string, files: Record<string, string>) {
      const read = (p: string) => files[p] ?? { ok: false as const, reason: 'missing' as const };
      const model = loadCompose(text, { fileName: '/p/compose.yaml', readFile: read });
      return healthcheckHover(model, text.indexOf(marker) + 1, imageChecksOf(model, read, parseDockerfile));
    }

    it('lays the file\'s keys over the image\'s and says where each comes from', () => {
      const text = 'services:\n  web:\n    build: ./web\n    healthcheck:\n      timeout: 3s\n';
      const md = hoverWithImage(text, 'healthcheck', { '/p/web/Dockerfile': DOCKERFILE })!.markdown;
      assert.match(md, /\*\*Image\*\*: built from web\/Dockerfile \(stage `base`\), whose HEALTHCHECK is at web\/Dockerfile:2/);
      assert.match(md, /From the image \(web\/Dockerfile:2\): \*\*test\*\*: run by the container's shell/);
      assert.match(md, /wget -q -O- http:\/\/localhost\/ \|\| exit 1/);
      assert.match(row(md, 'interval'), /\| 5s \| image \(web\/Dockerfile:2\) \|/);
      assert.match(row(md, 'timeout'), /\| 3s \| file \|/);
      assert.match(row(md, 'retries'), /\| 4 \| image \(web\/Dockerfile:2\) \|/);
      assert.match(row(md, 'start_period'), /\| 0s \| default \|/);
    });

    it('shows the effective check on the build key of a service that writes no healthcheck', () => {
      const text = 'services:\n  web:\n    build: ./web\n';
      const hover = hoverWithImage(text, 'build', { '/p/web/Dockerfile': DOCKERFILE });
      assert.ok(hover);
      assert.equal(text.slice(hover.range.start, hover.range.end), 'build');
      assert.match(row(hover.markdown, 'retries'), /\| 4 \| image/);
      assert.equal(hoverWithImage(text, 'build', {})?.markdown.includes('does not exist'), true, 'a missing Dockerfile is said');
      assert.equal(hoverWithImage('services:\n  web:\n    image: nginx\n', 'image', {}), undefined);
    });

    it('says that disable: true turns off the image\'s check, and that timing alone re-times nothing on a scratch image', () => {
      const disabled = hoverWithImage('services:\n  web:\n    build: ./web\n    healthcheck:\n      disable: true\n', 'healthcheck', { '/p/web/Dockerfile': DOCKERFILE })!.markdown;
      assert.match(disabled, /disabled — .* It turns off the image's own HEALTHCHECK \(web\/Dockerfile:2\)/);
      const scratch = hoverWithImage('services:\n  web:\n    build: .\n    healthcheck:\n      interval: 3s\n', 'healthcheck', { '/p/Dockerfile': 'FROM scratch\nCOPY app /app\n' })!.markdown;
      assert.match(scratch, /: none — no `test` here, and Dockerfile writes no HEALTHCHECK and starts from `scratch`/);
    });
  });

  describe('with what the running container runs (its Config.Healthcheck, already merged by the engine)', () => {
    const DOCKERFILE = 'FROM busybox\nHEALTHCHECK --interval=5s CMD ["true"]\n';
    function hover(text: string, running: Map<string, { container: string; spec?: { test?: string[]; intervalNs?: number }; apiVersion: string }>, files: Record<string, string> = {}) {
      const read = (p: string) => files[p] ?? { ok: false as const, reason: 'missing' as const };
      const model = loadCompose(text, { fileName: '/p/compose.yaml', readFile: read });
      return healthcheckHover(model, text.indexOf('healthcheck') + 1, imageChecksOf(model, read, parseDockerfile), running)!.markdown;
    }
    it('says it matches when the file over the Dockerfile gives what runs, and names the difference when not', () => {
      const text = 'services:\n  web:\n    build: .\n    healthcheck:\n      timeout: 3s\n';
      const files = { '/p/Dockerfile': DOCKERFILE };
      const same = hover(text, new Map([['web', { container: 'p-web-1', spec: { test: ['CMD', 'true'], intervalNs: 5e9, timeoutNs: 3e9 } as never, apiVersion: '1.41' }]]), files);
      assert.match(same, /\*\*Running now\*\*: `p-web-1` runs `\["true"\]` \(interval 5s, timeout 3s, start_period 0s, retries 3\), as the engine merged it with the image's at create\. It matches this file\./);
      const old = hover(text, new Map([['web', { container: 'p-web-1', spec: { test: ['CMD', 'true'], intervalNs: 5e9 }, apiVersion: '1.41' }]]), files);
      assert.match(old, /It differs from this file: timeout 30s → 3s \(recreating the service applies the file\)/);
    });
    it('shows what runs without judging when the image comes from a registry, and says when nothing runs', () => {
      const text = 'services:\n  db:\n    image: postgres\n    healthcheck:\n      interval: 2s\n';
      const md = hover(text, new Map([['db', { container: 'p-db-1', spec: { test: ['CMD-SHELL', 'pg_isready'], intervalNs: 2e9 }, apiVersion: '1.41' }]]));
      assert.match(md, /`p-db-1` runs `pg_isready` \(interval 2s/);
      assert.doesNotMatch(md, /matches|differs/);
      assert.match(hover(text, new Map([['db', { container: 'p-db-1', apiVersion: '1.41' }]])), /`p-db-1` runs no healthcheck/);
    });
  });
});
