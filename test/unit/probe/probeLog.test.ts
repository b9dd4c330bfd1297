import * as assert from 'node:assert/strict';
import { formatProbeLog } from '../../../src/probe/probeLog';

const base = { containerId: '0123456789abcdef', containerName: 'shop-web-1', argv: ['/bin/sh', '-c', 'curl -f http://localhost'] };

describe('the probe log entry', () => {
  it('names container, command as argv, exit, duration, then the output indented', () => {
    const text = formatProbeLog('web', { ...base, outcome: { kind: 'result', exitCode: 127, output: 'sh: curl: not found\n', durationMs: 12.6, timedOut: false } }, false);
    assert.equal(
      text,
      'Probe web in shop-web-1 (0123456789ab): ["/bin/sh","-c","curl -f http://localhost"] → exit 127, unhealthy, 13 ms\n  Why: command not found — curl is not in this image — try Suggest a Healthcheck\n    sh: curl: not found',
    );
  });

  it("says when the command came from the image, and that a timed-out probe's process was ended", () => {
    const text = formatProbeLog('web', { ...base, outcome: { kind: 'result', exitCode: -1, output: 'Health check exceeded timeout (1s)', durationMs: 1000, timedOut: true } }, true);
    assert.match(text, /\(the image's HEALTHCHECK command\)/);
    assert.match(text, /\n  Why: timed out — the check ran longer than its timeout \(1s\)/);
    assert.match(text, /→ exit -1, unhealthy, 1000 ms; its process was ended, as Docker's monitor ends a probe past its timeout\n/);
    assert.doesNotMatch(text, /may still be running/);
  });

  it('says plainly, with the reason, when a timed-out or cancelled probe may still be running', () => {
    const reason = 'the image has no shell (sh) to run kill in';
    const timedOut = formatProbeLog('web', { ...base, outcome: { kind: 'result', exitCode: -1, output: 'Health check exceeded timeout (1s)', durationMs: 1000, timedOut: true, lingering: reason } }, false);
    assert.match(timedOut, /1000 ms; WARNING: the probe's process may still be running in the container; the Engine API cannot end it \(the image has no shell \(sh\) to run kill in\)\n/);
    const cancelled = formatProbeLog('web', { ...base, outcome: { kind: 'cancelled', durationMs: 300, lingering: reason } }, false);
    assert.equal(
      cancelled,
      'Probe web in shop-web-1 (0123456789ab): ["/bin/sh","-c","curl -f http://localhost"] → cancelled after 300 ms; WARNING: the probe\'s process may still be running in the container; the Engine API cannot end it (the image has no shell (sh) to run kill in)',
    );
    assert.match(formatProbeLog('web', { ...base, outcome: { kind: 'cancelled', durationMs: 300 } }, false), /cancelled after 300 ms; its process was ended/);
  });
});
