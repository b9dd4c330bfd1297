import * as assert from 'node:assert/strict';
import { boundedExec } from '../../../src/core/suggest/boundedExec';
import { suggestHealthcheck } from '../../../src/core/suggest/suggest';
import { container, FakeSuggestEngine, procNetTcp } from './fakeSuggestEngine';

const OPTIONS = { user: '', workingDir: '', timeoutMs: 50, maxBytes: 1024, podman: false };

describe('suggest: every discovery exec is bounded in time and output', () => {
  it('an exec that hangs is stopped at its timeout and its process ended', async () => {
    const engine = new FakeSuggestEngine(container(), () => ({ hang: true, output: 'partial' }));
    const result = await boundedExec(engine, 'c1', ['cat', '/dev/zero'], OPTIONS);
    assert.deepEqual(result, { ran: true, exitCode: null, output: 'partial', timedOut: true });
    assert.deepEqual(engine.ended, ['exec-1']);
  });

  it('output past the limit is cut (and marked, as moby marks a long probe output)', async () => {
    const engine = new FakeSuggestEngine(container(), () => ({ output: 'x'.repeat(5000) }));
    const result = await boundedExec(engine, 'c1', ['cat', 'big'], OPTIONS);
    assert.equal(result.output, `${'x'.repeat(1024)}...`);
  });

  it('a program the engine could not start (PID 0) did not run', async () => {
    const engine = new FakeSuggestEngine(container());
    assert.equal((await boundedExec(engine, 'c1', ['curl', '--version'], OPTIONS)).ran, false);
  });

  it('a huge /proc/net/tcp is read up to its bound, and the listeners before the cut still count', async () => {
    const busy = procNetTcp(['0100007F', 8080], ...Array.from({ length: 20_000 }, (): [string, number] => ['00000000', 0]));
    assert.ok(busy.length > 1024 * 1024, 'bigger than the bound');
    const engine = new FakeSuggestEngine(container(), (argv) => {
      const line = argv.join(' ');
      if (line === '/bin/sh -c exit 0') return { exitCode: 0 };
      if (argv[0] === '/bin/sh') return { output: 'cat=/bin/cat\nwget=/bin/wget\n' };
      if (line === 'wget --help') return { output: 'BusyBox', exitCode: 1 };
      if (line === 'cat /proc/net/tcp') return { output: busy };
      if (line === 'wget -q -O- http://127.0.0.1:8080/health') return { output: 'ok' };
      return { exitCode: 1 };
    });
    const result = await suggestHealthcheck(engine, 'c1');
    assert.ok(result.ok, result.ok ? '' : result.reason);
    assert.deepEqual(result.discovery.listeners, [{ port: 8080, address: '127.0.0.1', family: 4 }]);
  });
});
