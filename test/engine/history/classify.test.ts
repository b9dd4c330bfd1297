import * as assert from 'node:assert/strict';
import type Dockerode from 'dockerode';
import { classifyProbe } from '../../../src/core/history/classify';
import type { FailureClass } from '../../../src/core/history/model';
import { docker, engineApiAtLeast, IMAGE, nextEvent, removeContainer, uniqueName } from '../probe/dockerHarness';

// The failure classes against what Docker itself records: each container's check fails one way, its first
// probe flips the status (retries 1), and classifyProbe reads that `State.Health.Log` entry, with the
// container's `Config.Healthcheck.Test` as the extension passes it. BusyBox's wget/nc/httpd are the only
// network tools the offline image has (test/support/engine.mjs), so the texts are BusyBox's.

/** Serves /www on 8080 (a CGI answering 500 at /cgi-bin/fail), as a web app with a failing page would. */
const WEB_APP = [
  'mkdir -p /www/cgi-bin',
  `printf '#!/bin/sh\\necho "Status: 500 Internal Server Error"\\necho "Content-Type: text/plain"\\necho\\necho boom\\n' > /www/cgi-bin/fail`,
  'chmod +x /www/cgi-bin/fail',
  'httpd -p 8080 -h /www',
  'exec sleep 3600',
].join('; ');

interface ClassCase {
  title: string;
  test: string[];
  timeoutNs?: number;
  /** The container's DNS servers (`--dns`). */
  dns?: string[];
  /** What Docker records, checked first so that a case cannot pass on a different failure. */
  exit: number;
  output: RegExp | ((timeoutWithOutput: boolean) => RegExp);
  kind: FailureClass;
  label: string;
  advice: RegExp;
}

const cases: ClassCase[] = [
  {
    title: "a CMD whose binary is missing: exit -1 with the runtime's exec error is command not found, naming the tool",
    test: ['CMD', 'curl', '-f', 'http://127.0.0.1:8080/'],
    exit: -1,
    output: /exec: "curl": executable file not found in \$PATH/,
    kind: 'command-not-found',
    label: 'command not found',
    advice: /^curl is not in this image/,
  },
  {
    // The example stack's `metrics`: a whole command line as CMD's one argument. It holds a `/`, so the
    // runtime stats it as a path instead of searching $PATH.
    title: 'a CMD whose one argument is a whole command line: exit -1, the runtime stats it as a path',
    test: ['CMD', 'wget -q -O- http://127.0.0.1:8080/ || exit 1'],
    exit: -1,
    output: /exec: "wget -q -O- http:\/\/127\.0\.0\.1:8080\/ \|\| exit 1": stat .*: no such file or directory/,
    kind: 'command-not-found',
    label: 'command not found',
    advice: /^CMD runs no shell/,
  },
  {
    title: 'a CMD-SHELL whose program is missing: exit 127 from the shell is command not found',
    test: ['CMD-SHELL', 'curl -f http://127.0.0.1:8080/ || exit 1'],
    // `|| exit 1` turns 127 into 1: the shell's message still names the missing program.
    exit: 1,
    output: /curl: not found/,
    kind: 'command-not-found',
    label: 'command not found',
    advice: /^curl is not in this image/,
  },
  {
    title: 'a CMD-SHELL whose program is missing, without || exit 1: exit 127',
    test: ['CMD-SHELL', 'pg_isready -U postgres'],
    exit: 127,
    output: /pg_isready: not found/,
    kind: 'command-not-found',
    label: 'command not found',
    advice: /^pg_isready is not in this image/,
  },
  {
    title: 'a probe killed at its timeout: exit -1 "Health check exceeded timeout" is timed out, with the limit',
    test: ['CMD-SHELL', 'echo waiting; sleep 30'],
    timeoutNs: 1e9,
    exit: -1,
    output: (withOutput) => (withOutput ? /^Health check exceeded timeout \(1s\): waiting\n$/ : /^Health check exceeded timeout \(1s\)$/),
    kind: 'timeout',
    label: 'timed out',
    advice: /\(1s\)/,
  },
  {
    title: 'wget to a closed port is connection refused, naming the port',
    test: ['CMD-SHELL', 'wget -q -O- http://127.0.0.1:9/health || exit 1'],
    exit: 1,
    output: /can't connect to remote host \(127\.0\.0\.1\): Connection refused/,
    kind: 'connection-refused',
    label: 'connection refused',
    advice: /not listening on 9 yet/,
  },
  {
    title: 'nc to a closed port is connection refused; the port comes from the test when the output has none',
    test: ['CMD', 'nc', '127.0.0.1', '5432'],
    exit: 1,
    output: /nc: can't connect to remote host \(127\.0\.0\.1\): Connection refused/,
    kind: 'connection-refused',
    label: 'connection refused',
    advice: /not listening on (5432|that port) yet/,
  },
  {
    title: 'a host name that does not resolve is a DNS failure',
    test: ['CMD', 'wget', '-q', '-O-', 'http://no-such-service.invalid:8080/'],
    // Nothing answers DNS on the container's own loopback, so the lookup fails at once. With the
    // engine's resolvers it would wait on an upstream server that this offline machine cannot reach,
    // and the probe would time out first (seen on Engine 26 in CI: exit -1 after 10 s).
    dns: ['127.0.0.1'],
    exit: 1,
    output: /bad address 'no-such-service\.invalid(:8080)?'/,
    kind: 'dns',
    label: 'name not resolved',
    advice: /does not resolve/,
  },
  {
    title: 'a 404 from the app is an HTTP error status',
    test: ['CMD', 'wget', '-q', '-O-', 'http://127.0.0.1:8080/missing'],
    exit: 1,
    output: /server returned error: HTTP\/1\.[01] 404/,
    kind: 'http-status',
    label: 'HTTP 404',
    advice: /HTTP 404/,
  },
  {
    title: 'a 500 from the app is an HTTP error status',
    test: ['CMD-SHELL', 'wget -q -O- http://127.0.0.1:8080/cgi-bin/fail || exit 1'],
    exit: 1,
    output: /server returned error: HTTP\/1\.[01] 500/,
    kind: 'http-status',
    label: 'HTTP 500',
    advice: /HTTP 500/,
  },
  {
    title: 'a script without the execute bit under the shell is permission denied (exit 126)',
    test: ['CMD-SHELL', "echo 'exit 0' > /tmp/check; /tmp/check"],
    exit: 126,
    output: /\/tmp\/check: Permission denied/,
    kind: 'permission-denied',
    label: 'permission denied',
    advice: /user|mode/,
  },
  {
    title: "a CMD naming a file without the execute bit: exit -1 with the runtime's permission error",
    test: ['CMD', '/etc/hostname'],
    exit: -1,
    output: /permission denied/i,
    kind: 'permission-denied',
    label: 'permission denied',
    advice: /user|mode/,
  },
  {
    title: 'a test that is silently false is other, saying it printed nothing',
    test: ['CMD', 'test', '-f', '/tmp/warm'],
    exit: 1,
    output: /^$/,
    kind: 'other',
    label: 'exit 1',
    advice: /printed nothing/,
  },
  {
    title: 'a plain exit 1 with its own message is other, with the exit code',
    test: ['CMD-SHELL', 'echo "queue not ready"; exit 1'],
    exit: 1,
    output: /^queue not ready\n$/,
    kind: 'other',
    label: 'exit 1',
    advice: /exited with 1/,
  },
];

describe('failure classes of real failing probes, read from Docker’s own State.Health.Log', function () {
  this.timeout(120_000);
  const names = cases.map((_, i) => uniqueName(`health-advice-class-${i}`));
  const firstProbe = new Map<string, Promise<Dockerode.ContainerInspectInfo>>();
  let timeoutWithOutput = false;

  before(async () => {
    // moby daemon/health.go appends the killed probe's output from API 1.43 (Engine 24).
    timeoutWithOutput = await engineApiAtLeast(43);
    for (const [i, c] of cases.entries()) firstProbe.set(names[i], startAndInspectAfterFirstProbe(names[i], c));
    await Promise.allSettled(firstProbe.values());
  });

  after(async () => {
    await Promise.all(names.map(removeContainer));
  });

  for (const [i, c] of cases.entries()) {
    it(c.title, async () => {
      const info = await firstProbe.get(names[i])!;
      const entry = info.State.Health?.Log.at(-1);
      assert.ok(entry, 'Docker recorded a probe');
      assert.equal(info.State.Health?.Status, 'unhealthy');
      const output = typeof c.output === 'function' ? c.output(timeoutWithOutput) : c.output;
      assert.equal(entry.ExitCode, c.exit, `Docker itself recorded ${JSON.stringify(entry)}`);
      assert.match(entry.Output, output, `Docker itself recorded ${JSON.stringify(entry.Output)}`);

      const explained = classifyProbe({ exitCode: entry.ExitCode, output: entry.Output, test: info.Config.Healthcheck?.Test });
      assert.ok(explained, 'a failure is explained');
      assert.equal(explained.kind, c.kind, `for ${JSON.stringify(entry.Output)}: ${JSON.stringify(explained)}`);
      assert.equal(explained.label, c.label);
      assert.match(explained.advice, c.advice);
    });
  }
});

/** Creates and starts the container, then inspects it once the engine reports the first probe's health_status. */
async function startAndInspectAfterFirstProbe(name: string, c: ClassCase): Promise<Dockerode.ContainerInspectInfo> {
  const container = await docker.createContainer({
    name,
    Image: IMAGE,
    Cmd: ['sh', '-c', WEB_APP],
    // retries 1: the first failing probe turns the container unhealthy, which the engine announces.
    // A start period of 1 s lets httpd come up: failures within it do not count (moby daemon/health.go), so
    // the failure that flips the status, the log's last entry, comes from a probe after it.
    Healthcheck: { Test: c.test, Interval: 500e6, Timeout: c.timeoutNs ?? 10e9, StartPeriod: 1e9, Retries: 1 },
    StopTimeout: 1,
    ...(c.dns ? { HostConfig: { Dns: c.dns } } : {}),
  });
  const status = nextEvent(name, (e) => e.Action.startsWith('health_status'));
  await status.ready;
  await container.start();
  await status.event;
  return container.inspect();
}
