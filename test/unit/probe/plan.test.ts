import * as assert from 'node:assert/strict';
import { classifyFileCheck, planProbe } from '../../../src/core/probe/plan';

const runtime = { user: 'app', workingDir: '/srv' };

describe('planning a probe the way moby daemon/health.go execs it', () => {
  it('CMD execs argv[1:] as given, with the container user and working directory', () => {
    const r = planProbe({ test: ['CMD', 'curl', '-f', 'http://x || exit 1'] }, runtime);
    assert.ok(r.ok);
    assert.deepEqual(r.plan.argv, ['curl', '-f', 'http://x || exit 1']);
    assert.equal(r.plan.user, 'app');
    assert.equal(r.plan.workingDir, '/srv');
  });

  it('CMD-SHELL uses /bin/sh -c with the command as one argument and extra items as $0 $1', () => {
    const r = planProbe({ test: ['CMD-SHELL', 'echo $0 $1', 'a', 'b'] }, runtime);
    assert.ok(r.ok);
    assert.deepEqual(r.plan.argv, ['/bin/sh', '-c', 'echo $0 $1', 'a', 'b']);
  });

  it("CMD-SHELL uses the container's Shell when it has one", () => {
    const r = planProbe({ test: ['CMD-SHELL', 'Get-Date'] }, { ...runtime, shell: ['pwsh', '-Command'] });
    assert.ok(r.ok);
    assert.deepEqual(r.plan.argv, ['pwsh', '-Command', 'Get-Date']);
  });

  it('the timeout is the file one, else the image one, else 30 s', () => {
    const t = (file: number | undefined, image: number | undefined): number => {
      const r = planProbe({ test: ['CMD', 'true'], timeoutNs: file }, runtime, { test: ['CMD', 'x'], timeoutNs: image });
      assert.ok(r.ok);
      return r.plan.timeoutNs;
    };
    assert.equal(t(2e9, 5e9), 2e9);
    assert.equal(t(undefined, 5e9), 5e9);
    assert.equal(t(undefined, undefined), 30e9);
  });

  it("a block without test runs the image's command and says so", () => {
    const r = planProbe({ intervalNs: 5e9 }, runtime, { test: ['CMD-SHELL', 'pg_isready'] });
    assert.ok(r.ok);
    assert.deepEqual(r.plan.argv, ['/bin/sh', '-c', 'pg_isready']);
    assert.equal(r.plan.fromImage, true);
  });

  it('a block without test on an image without HEALTHCHECK runs nothing', () => {
    const r = planProbe({ intervalNs: 5e9 }, runtime, undefined);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.reason, 'no-image-check');
  });

  it('NONE (and disable: true) runs nothing', () => {
    assert.deepEqual(classifyFileCheck({ test: ['NONE'] }), { kind: 'nothing', reason: 'disabled', message: 'healthcheck disabled: Docker runs no probe' });
  });

  it('an unknown test type runs nothing, as the engine silently disables it', () => {
    const c = classifyFileCheck({ test: ['curl', '-f', 'http://x'] });
    assert.equal(c.kind === 'nothing' && c.reason, 'unknown-type');
  });

  it('CMD without a command runs nothing', () => {
    const c = classifyFileCheck({ test: ['CMD'] });
    assert.equal(c.kind === 'nothing' && c.reason, 'no-command');
  });
});
