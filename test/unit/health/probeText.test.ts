import * as assert from 'node:assert/strict';
import { cutOutput, formatTest, formatTiming, probeDurationMs, probeSummary, renderProbeLog } from '../../../src/core/health/probeText';
import { container } from '../engine/fakes';

describe('probe text', () => {
  const probe = { start: '2026-11-26T14:09:31.509602849Z', end: '2026-11-26T14:09:31.540003523Z', exitCode: 1, output: 'wget: can\'t connect\n' };

  it('computes the duration from the engine timestamps', () => {
    assert.equal(probeDurationMs(probe), 31);
    assert.equal(probeSummary(probe), 'exit 1 · 31 ms');
    assert.equal(probeDurationMs({ ...probe, start: 'nonsense' }), undefined);
  });

  it('cuts output to a few short lines and says so', () => {
    assert.deepEqual(cutOutput('a\nb\n'), { text: 'a\nb', cut: false });
    assert.deepEqual(cutOutput('1\n2\n3\n4\n5\n6', 4), { text: '1\n2\n3\n4', cut: true });
    assert.deepEqual(cutOutput('x'.repeat(10), 4, 5), { text: 'xxxxx…', cut: true });
  });

  it('shows a CMD-SHELL test as its command and a CMD test as its argv', () => {
    assert.equal(formatTest(['CMD-SHELL', 'curl -f http://x || exit 1']), 'curl -f http://x || exit 1');
    assert.equal(formatTest(['CMD', 'pg_isready', '-U', 'app']), '["pg_isready","-U","app"]');
    assert.equal(formatTest(['NONE']), 'NONE (disabled)');
  });

  it("fills in the engine's defaults for unset timings", () => {
    assert.equal(formatTiming({ intervalNs: 2e9 }), 'every 2s · timeout 30s · start period 0s · 3 retries');
    assert.equal(formatTiming({ retries: 1, startPeriodNs: 10e9, startIntervalNs: 1e9 }), 'every 30s · timeout 30s · start period 10s · start interval 1s · 1 retry');
  });

  it('renders the whole log with every output in full', () => {
    const long = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const text = renderProbeLog(container('abcdef1234567890', 'shop', 'web', { health: 'unhealthy', failingStreak: 2, healthcheck: { test: ['CMD-SHELL', 'false'] }, probeLog: [probe, { ...probe, output: long }] }));
    assert.match(text, /Status: running, unhealthy; failing streak 2/);
    assert.match(text, /Healthcheck: CMD-SHELL false/);
    assert.match(text, /line 19/);
  });

  it('says why each failed probe failed, in plain words', () => {
    const text = renderProbeLog(container('abcdef1234567890', 'shop', 'web', { health: 'unhealthy', failingStreak: 1, healthcheck: { test: ['CMD', 'wget', 'http://127.0.0.1:8080/'] }, probeLog: [{ ...probe, output: "wget: can't connect to remote host (127.0.0.1): Connection refused\n" }, { ...probe, exitCode: 0, output: 'ok' }] }));
    assert.match(text, /── 2026-11-26T14:09:31\.509602849Z · exit 1 · 31 ms · connection refused\n {3}Why: the app is not listening on 8080 yet/);
    assert.doesNotMatch(text, /exit 0 · 31 ms ·/);
  });
});
