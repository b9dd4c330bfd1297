import * as assert from 'node:assert/strict';
import { formatProbeLog } from '../../../src/probe/probeLog';

const base = { containerId: '0123456789abcdef', containerName: 'shop-web-1', argv: ['/bin/sh', '-c', 'curl -f http://localhost'] };

describe('the probe log entry', () => {
  it('names container, command as argv, exit, duration, then the output indented', () => {
    const text = formatProbeLog('web', { ...base, outcome: { kind: 'result', exitCode: 127, output: 'sh: curl: not found\n', durationMs: 12.6, timedOut: false } }, false);
    assert.equal(
      text,
      'Probe web in shop-web-1 (0123456789ab): ["/bin/sh","-c","curl -f http://localhost"] → exit 127, unhealthy, 13 ms\n    sh: curl: not found',
    );
  });

  it("says when the command came from the image and when a timed-out command may linger", () => {
    const text = formatProbeLog('web', { ...base, outcome: { kind: 'result', exitCode: -1, output: 'Health check exceeded timeout (1s)', durationMs: 1000, timedOut: true } }, true);
    assert.match(text, /\(the image's HEALTHCHECK command\)/);
    assert.match(text, /may still be running in the container/);
  });
});
