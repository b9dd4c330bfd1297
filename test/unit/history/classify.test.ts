import * as assert from 'node:assert/strict';
import { classifyProbe } from '../../../src/core/history/classify';

// Outputs as Docker recorded them in State.Health.Log on Engine 20.10.24 and 26.1.5 (BusyBox image of the
// engine tier, see test/engine/history/classify.test.ts), and as curl / GNU wget / bash print them.
describe('classifyProbe: why a probe failed', () => {
  const classify = (exitCode: number, output: string, test?: string[]) => classifyProbe({ exitCode, output, test });

  it('a success has no explanation', () => {
    assert.equal(classify(0, 'ok\n'), undefined);
  });

  it("a CMD whose binary is missing (exit -1, the runtime's exec error) names the tool", () => {
    const out = 'OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown';
    const e = classify(-1, out, ['CMD', 'curl', '-f', 'http://localhost/']);
    assert.deepEqual([e?.kind, e?.label], ['command-not-found', 'command not found']);
    assert.match(e!.advice, /^curl is not in this image — try Suggest a Healthcheck$/);
  });

  it('a CMD whose one argument is a whole command line says that no shell ran it', () => {
    const out = 'OCI runtime exec failed: exec failed: unable to start container process: exec: "wget -q -O- http://127.0.0.1:9100/metrics || exit 1": executable file not found in $PATH: unknown';
    const e = classify(-1, out, ['CMD', 'wget -q -O- http://127.0.0.1:9100/metrics || exit 1']);
    assert.equal(e?.kind, 'command-not-found');
    assert.equal(e?.advice, 'CMD runs no shell, so "wget -q -O- http://127.0.0.1:9100/metri…" was taken as one program name — split it into arguments, or use CMD-SHELL');
  });

  it('a CMD whose one argument is a command line with a URL: the runtime stats it as a path (the example stack’s metrics)', () => {
    const out = 'OCI runtime exec failed: exec failed: unable to start container process: exec: "wget -q -O- http://127.0.0.1:9100/metrics || exit 1": stat wget -q -O- http://127.0.0.1:9100/metrics || exit 1: no such file or directory: unknown';
    const e = classify(-1, out, ['CMD', 'wget -q -O- http://127.0.0.1:9100/metrics || exit 1']);
    assert.equal(e?.kind, 'command-not-found');
    assert.match(e!.advice, /^CMD runs no shell/);
  });

  it('an absolute CMD path that does not exist names its base name', () => {
    const e = classify(-1, 'OCI runtime exec failed: exec failed: unable to start container process: exec: "/usr/bin/curl": stat /usr/bin/curl: no such file or directory: unknown');
    assert.equal(e?.kind, 'command-not-found');
    assert.match(e!.advice, /^curl is not/);
  });

  it('the shell saying "not found" (BusyBox, dash) or "command not found" (bash) is command not found', () => {
    assert.match(classify(127, '/bin/sh: pg_isready: not found\n')!.advice, /^pg_isready is/);
    assert.match(classify(1, 'sh: curl: not found\n', ['CMD-SHELL', 'curl -f http://x/ || exit 1'])!.advice, /^curl is/);
    assert.match(classify(127, 'bash: line 1: wget: command not found\n')!.advice, /^wget is/);
  });

  it('exit 127 without a message falls back to the test to name the tool', () => {
    assert.match(classify(127, '', ['CMD-SHELL', 'exec redis-cli ping'])!.advice, /^redis-cli is/);
    assert.match(classify(127, '')!.advice, /^the command is/);
  });

  it("Docker's timeout is timed out, with the limit, with or without the probe's output appended (API 1.43)", () => {
    for (const out of ['Health check exceeded timeout (1s)', 'Health check exceeded timeout (1s): waiting\n']) {
      const e = classify(-1, out);
      assert.deepEqual([e?.kind, e?.label], ['timeout', 'timed out']);
      assert.match(e!.advice, /timeout \(1s\)/);
    }
  });

  it('the timeout text from a probe that exited by itself is not a Docker timeout', () => {
    assert.equal(classify(1, 'Health check exceeded timeout (1s)')?.kind, 'other');
  });

  it("the tool's own timeout (curl -m, wget -T) is timed out", () => {
    assert.equal(classify(28, 'curl: (28) Operation timed out after 2001 milliseconds with 0 bytes received\n')?.kind, 'timeout');
    assert.equal(classify(1, 'wget: download timed out\n')?.kind, 'timeout');
    assert.equal(classify(7, 'curl: (7) Failed to connect to db port 5432 after 130000 ms: Connection timed out\n')?.kind, 'timeout');
  });

  it('connection refused names the port from the output, else from the test', () => {
    const curl = classify(7, 'curl: (7) Failed to connect to localhost port 8080 after 0 ms: Connection refused\n');
    assert.deepEqual([curl?.kind, curl?.label], ['connection-refused', 'connection refused']);
    assert.match(curl!.advice, /not listening on 8080 yet — start_period may be too short/);
    const wget = classify(1, "wget: can't connect to remote host (127.0.0.1): Connection refused\n", ['CMD-SHELL', 'wget -q -O- http://127.0.0.1:9/health || exit 1']);
    assert.match(wget!.advice, /not listening on 9 yet/);
    const redis = classify(1, 'Could not connect to Redis at 127.0.0.1:6379: Connection refused\n');
    assert.match(redis!.advice, /on 6379/);
    assert.match(classify(1, 'nc: can\'t connect to remote host (127.0.0.1): Connection refused\n')!.advice, /on that port/);
  });

  it('a name that does not resolve is a DNS failure naming the host', () => {
    const busybox = classify(1, "wget: bad address 'db:5432'\n");
    assert.deepEqual([busybox?.kind, busybox?.label], ['dns', 'name not resolved']);
    assert.match(busybox!.advice, /^"db" does not resolve/);
    assert.match(classify(6, 'curl: (6) Could not resolve host: api\n')!.advice, /^"api"/);
    assert.match(classify(1, "nc: bad address 'db'\n")!.advice, /^"db"/);
  });

  it('an HTTP error status gives the code (BusyBox wget, curl --fail, GNU wget)', () => {
    assert.equal(classify(1, 'wget: server returned error: HTTP/1.1 404 Not Found\n')?.label, 'HTTP 404');
    assert.equal(classify(22, 'curl: (22) The requested URL returned error: 503\n')?.label, 'HTTP 503');
    assert.equal(classify(8, '2026-12-02 01:00:00 ERROR 500: Internal Server Error.\n')?.label, 'HTTP 500');
    assert.equal(classify(1, 'wget: server returned error: HTTP/1.1 500 Boom\n')?.kind, 'http-status');
  });

  it('"404 Not Found" in a status line is not a missing command', () => {
    assert.equal(classify(1, 'wget: server returned error: HTTP/1.1 404 Not Found\n')?.kind, 'http-status');
  });

  it('permission denied: exit 126 from the shell, or the runtime refusing to exec a CMD', () => {
    assert.equal(classify(126, 'sh: /tmp/check: Permission denied\n')?.kind, 'permission-denied');
    const runtime = classify(-1, 'OCI runtime exec failed: exec failed: unable to start container process: exec: "/etc/hostname": permission denied: unknown');
    assert.deepEqual([runtime?.kind, runtime?.label], ['permission-denied', 'permission denied']);
  });

  it('anything else is other, with its exit code', () => {
    const e = classify(1, 'queue not ready\n');
    assert.deepEqual([e?.kind, e?.label], ['other', 'exit 1']);
    assert.match(e!.advice, /exited with 1/);
    assert.equal(classify(2, 'localhost:5432 - no response\n')?.label, 'exit 2');
    assert.match(classify(1, '')!.advice, /printed nothing/);
  });
});
