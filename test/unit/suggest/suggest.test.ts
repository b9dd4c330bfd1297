import * as assert from 'node:assert/strict';
import { suggestHealthcheck, type SuggestProgress } from '../../../src/core/suggest/suggest';
import { container, FakeSuggestEngine, procNetTcp, type ExecScript } from './fakeSuggestEngine';

/** A BusyBox-like container with a shell, wget and cat, whose app answers `paths` on 127.0.0.1:8080 once `listening()`. */
function busyboxApp(paths: Record<string, ExecScript>, listening: () => boolean = () => true): (argv: string[]) => ExecScript {
  return (argv) => {
    const line = argv.join(' ');
    if (line === '/bin/sh -c exit 0') return { exitCode: 0 };
    if (argv[0] === '/bin/sh' && argv[2].startsWith('IFS=:')) return { output: 'wget=/bin/wget\ncat=/bin/cat\n' };
    if (line === 'wget --help') return { output: 'BusyBox v1.35.0 multi-call binary.\n', exitCode: 1 };
    if (line === 'cat /proc/net/tcp') return { output: listening() ? procNetTcp(['0100007F', 8080]) : procNetTcp() };
    if (line === 'cat /proc/net/tcp6') return { output: "cat: can't open '/proc/net/tcp6': No such file or directory\n", exitCode: 1 };
    if (argv[0] === 'wget' && argv[1] === '-q') {
      const path = new URL(argv[3]).pathname;
      if (!listening()) return { output: "wget: can't connect to remote host (127.0.0.1): Connection refused\n", exitCode: 1 };
      return paths[path] ?? { output: 'wget: server returned error: HTTP/1.1 404 Not Found\n', exitCode: 1 };
    }
    return { missing: true };
  };
}

describe('suggest: the suggestion, proven in the container', () => {
  it('offers only a candidate that exited 0 (here /healthz after /health failed with 404), with its measured runs and everything tried', async () => {
    const engine = new FakeSuggestEngine(container(), busyboxApp({ '/healthz': { output: 'ok\n' } }));
    const result = await suggestHealthcheck(engine, 'c1');
    assert.ok(result.ok, result.ok ? '' : result.reason);
    assert.deepEqual(result.healthcheck.test, ['CMD', 'wget', '-q', '-O-', 'http://127.0.0.1:8080/healthz']);
    assert.deepEqual(result.verified, { exitCode: 0, durationMs: result.verified.durationMs, output: 'ok\n' });
    assert.deepEqual(
      result.tried.map((t) => [t.test.at(-1), t.exitCode, t.runs]),
      [
        ['http://127.0.0.1:8080/health', 1, 1],
        ['http://127.0.0.1:8080/healthz', 0, 3],
      ],
    );
    // An hour-old container: its start-up cannot be measured, and the basis says so.
    assert.equal(result.healthcheck.start_period, '30s');
    assert.equal(result.healthcheck.start_interval, undefined);
    assert.ok(result.basis.some((b) => b.startsWith('listening: 127.0.0.1:8080')));
  });

  it('a check that passes once and then fails is not offered: it would flap in Docker', async () => {
    let healthRuns = 0;
    const answer = busyboxApp({ '/ready': { output: 'ready\n' } });
    const engine = new FakeSuggestEngine(container(), (argv) => {
      if (argv.at(-1) === 'http://127.0.0.1:8080/health') return ++healthRuns === 1 ? { exitCode: 0 } : { exitCode: 1, output: 'flap\n' };
      return answer(argv);
    });
    const result = await suggestHealthcheck(engine, 'c1');
    assert.ok(result.ok);
    assert.equal(result.healthcheck.test.at(-1), 'http://127.0.0.1:8080/ready');
  });

  it('nothing passes in a container that has been up for long: no healthcheck, a reason, and no waiting', async () => {
    const progress: SuggestProgress[] = [];
    const engine = new FakeSuggestEngine(container(), busyboxApp({}));
    const result = await suggestHealthcheck(engine, 'c1', { onProgress: (p) => progress.push(p) });
    assert.ok(!result.ok);
    assert.match(result.reason, /^None of the 6 candidate checks passed in proj-web-1 \(see what was tried\)/);
    assert.equal(result.tried.length, 6);
    assert.ok(!progress.some((p) => p.kind === 'waiting'));
  });

  it('a container still starting is waited for in rounds, and the wait is the measured start-up', async () => {
    let clock = 1_000_000;
    const engine = new FakeSuggestEngine(container({ startedAt: new Date(clock - 500).toISOString() }), busyboxApp({ '/health': { output: 'ok\n' } }, () => clock >= 1_004_000));
    const rounds: number[] = [];
    const result = await suggestHealthcheck(engine, 'c1', {
      now: () => clock,
      delay: async () => {
        clock += 1000;
      },
      onProgress: (p) => p.kind === 'waiting' && rounds.push(p.round),
    });
    assert.ok(result.ok, result.ok ? '' : result.reason);
    assert.deepEqual(rounds, [1, 2, 3, 4]);
    assert.ok(result.basis.some((b) => b.includes('the service took 4.5 s from container start to the first passing check')));
    assert.equal(result.healthcheck.start_period, '11s');
  });

  it('the wait is bounded: past the limit it gives up with the reason', async () => {
    let clock = 1_000_000;
    const engine = new FakeSuggestEngine(container({ startedAt: new Date(clock).toISOString() }), busyboxApp({}, () => false));
    const result = await suggestHealthcheck(engine, 'c1', { now: () => clock, delay: async () => void (clock += 30_000), waitLimitMs: 120_000 });
    assert.ok(!result.ok);
    assert.match(result.reason, /listens on no TCP port within 120 s of the container's start/);
  });

  it('Cancel stops the wait and suggests nothing', async () => {
    const controller = new AbortController();
    const engine = new FakeSuggestEngine(container({ startedAt: new Date().toISOString() }), busyboxApp({}, () => false));
    const result = await suggestHealthcheck(engine, 'c1', {
      signal: controller.signal,
      onProgress: (p) => p.kind === 'waiting' && controller.abort(),
    });
    assert.ok(!result.ok);
    assert.match(result.reason, /^Cancelled/);
  });

  it('start_interval is written only for an engine with API 1.44 or later', async () => {
    const engine = new FakeSuggestEngine(container(), busyboxApp({ '/health': {} }));
    engine.apiVersionValue = '1.45';
    const result = await suggestHealthcheck(engine, 'c1');
    assert.ok(result.ok);
    assert.equal(result.healthcheck.start_interval, '1s');
  });

  it('a container removed while it is examined, or not running, gets a clear message and nothing else', async () => {
    const engine = new FakeSuggestEngine(container(), (argv) => {
      engine.removed = argv[0] === '/bin/sh';
      return { exitCode: 0 };
    });
    const removed = await suggestHealthcheck(engine, 'c1');
    assert.ok(!removed.ok);
    assert.match(removed.reason, /was removed while it was being examined|does not exist/);
    const stopped = await suggestHealthcheck(new FakeSuggestEngine(container({ running: false })), 'c1');
    assert.ok(!stopped.ok);
    assert.equal(stopped.reason, 'Container proj-web-1 is not running. Start the service, then suggest again.');
  });

  it('with no shell, programs are found by starting them (the engine cannot start a missing one), and only CMD is suggested', async () => {
    const engine = new FakeSuggestEngine(container(), (argv) => {
      const line = argv.join(' ');
      if (line === 'busybox --help' || line === 'busybox --list') return { output: line.endsWith('--list') ? 'wget\nnc\ncat\n' : '' };
      if (line === 'busybox wget --help') return { output: 'BusyBox', exitCode: 1 };
      if (line === 'busybox cat /proc/net/tcp') return { output: procNetTcp(['00000000', 80]) };
      if (line === 'busybox wget -q -O- http://127.0.0.1:80/health') return { output: 'ok' };
      if (argv[0] === 'busybox') return { exitCode: 1 };
      return { missing: true };
    });
    const result = await suggestHealthcheck(engine, 'c1');
    assert.ok(result.ok, result.ok ? '' : result.reason);
    assert.equal(result.discovery.shell, undefined);
    assert.deepEqual(result.healthcheck.test, ['CMD', 'busybox', 'wget', '-q', '-O-', 'http://127.0.0.1:80/health']);
  });

  it("when nothing in the container reads a file, the host's /proc gives the listeners; else the image's EXPOSE", async () => {
    const ncOnly = (argv: string[]) => {
      const line = argv.join(' ');
      if (line === 'nc --version' || line === 'nc -h') return { output: 'BusyBox v1.35.0 multi-call binary.\nUsage: nc [-iN] [-wN] [-l]', exitCode: 1 };
      if (line === 'nc -w 3 127.0.0.1 8080') return { exitCode: 0 };
      return argv[0] === 'nc' ? { exitCode: 1 } : { missing: true };
    };
    const engine = new FakeSuggestEngine(container(), ncOnly);
    engine.hostTables = { tcp: procNetTcp(['00000000', 8080]) };
    const fromHost = await suggestHealthcheck(engine, 'c1');
    assert.ok(fromHost.ok, fromHost.ok ? '' : fromHost.reason);
    assert.deepEqual(fromHost.discovery.listeners, [{ port: 8080, address: '0.0.0.0', family: 4 }]);
    assert.deepEqual(fromHost.healthcheck.test, ['CMD', 'nc', '-w', '3', '127.0.0.1', '8080']);
    const exposed = new FakeSuggestEngine(container(), ncOnly);
    exposed.exposed = ['8080/tcp', '53/udp'];
    const fromImage = await suggestHealthcheck(exposed, 'c1');
    assert.ok(fromImage.ok);
    assert.equal(fromImage.discovery.listeners, undefined);
    assert.deepEqual(fromImage.discovery.declaredPorts, [8080]);
  });
});
