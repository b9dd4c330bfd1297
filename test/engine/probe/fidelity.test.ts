import * as assert from 'node:assert/strict';
import type { HealthcheckSpec } from '../../../src/core/compose/healthcheckSpec';
import { loadCompose } from '../../../src/core/compose/load';
import { DockerodeEngineClient } from '../../../src/core/engine/dockerodeClient';
import { planProbe } from '../../../src/core/probe/plan';
import { runProbe, timeoutFromProcessStart, timeoutIncludesOutput } from '../../../src/core/probe/runProbe';
import { address, createContainer, docker, probedHealthcheck, removeContainer, startAndAwaitFirstProbe, uniqueName, type ContainerOptions } from './dockerHarness';

interface FidelityCase {
  title: string;
  healthcheck: HealthcheckSpec;
  container?: Omit<ContainerOptions, 'name' | 'healthcheck'>;
  /** What the case is about, checked on Docker's own record so the case cannot pass vacuously. */
  expectExit: number;
  /** A function when the engine's version decides (`timeoutIncludesOutput`: API ≥ 1.43). */
  expectOutput?: RegExp | ((engine: { timeoutIncludesOutput: boolean }) => RegExp);
}

const fromYaml = (test: string, env: Record<string, string> = {}): HealthcheckSpec =>
  loadCompose(`services:\n  web:\n    image: x\n    healthcheck:\n      test: ${test}\n`, { env }).services[0].healthcheck!.spec;

const cases: FidelityCase[] = [
  {
    title: 'CMD runs argv as given: no shell expands $HOME or ||',
    healthcheck: probedHealthcheck(['CMD', 'echo', 'a  b', '$HOME', '||', 'false']),
    expectExit: 0,
    expectOutput: /^a {2}b \$HOME \|\| false\n$/,
  },
  { title: 'CMD-SHELL runs /bin/sh -c with the command as one argument', healthcheck: probedHealthcheck(['CMD-SHELL', 'echo $((6*7)) && test -d /tmp']), expectExit: 0, expectOutput: /^42\n$/ },
  {
    title: 'the string form is CMD-SHELL',
    healthcheck: probedHealthcheck(fromYaml(`echo "from a string" | sed s/string/shell/`).test!),
    expectExit: 0,
    expectOutput: /^from a shell\n$/,
  },
  {
    title: 'interpolation happens on the host: ${WHO} from the host, $$GREETING left for the container',
    healthcheck: probedHealthcheck(fromYaml(`'echo "$$GREETING from \${WHO}"'`, { WHO: 'the host' }).test!),
    container: { env: ['GREETING=hello'] },
    expectExit: 0,
    expectOutput: /^hello from the host\n$/,
  },
  { title: 'extra CMD-SHELL items become $0 $1 $2', healthcheck: probedHealthcheck(['CMD-SHELL', 'echo "$0|$1|$2"', 'zero', 'one', 'two']), expectExit: 0, expectOutput: /^zero\|one\|two\n$/ },
  {
    title: "a container's own Shell runs CMD-SHELL",
    healthcheck: probedHealthcheck(['CMD-SHELL', 'hello']),
    container: { shell: ['/bin/echo', 'via-custom-shell'] },
    expectExit: 0,
    expectOutput: /^via-custom-shell hello\n$/,
  },
  { title: 'the probe runs as the container user', healthcheck: probedHealthcheck(['CMD', 'id', '-u']), container: { user: '65534:65534' }, expectExit: 0, expectOutput: /^65534\n$/ },
  { title: 'the probe runs in the container working directory', healthcheck: probedHealthcheck(['CMD', 'pwd']), container: { workingDir: '/www' }, expectExit: 0, expectOutput: /^\/www\n$/ },
  {
    title: "the probe sees the container's environment",
    healthcheck: probedHealthcheck(['CMD-SHELL', 'echo "$GREETING"']),
    container: { env: ['GREETING=hello from env'] },
    expectExit: 0,
    expectOutput: /^hello from env\n$/,
  },
  { title: 'a check with no output passes with empty output', healthcheck: probedHealthcheck(['CMD', 'true']), expectExit: 0, expectOutput: /^$/ },
  { title: 'exit 1 fails', healthcheck: probedHealthcheck(['CMD-SHELL', 'echo failing; exit 1']), expectExit: 1, expectOutput: /^failing\n$/ },
  { title: 'exit 2 (reserved) is reported as is', healthcheck: probedHealthcheck(['CMD-SHELL', 'echo reserved; exit 2']), expectExit: 2, expectOutput: /^reserved\n$/ },
  { title: 'a missing command under the shell is exit 127', healthcheck: probedHealthcheck(['CMD-SHELL', 'curl -f http://127.0.0.1/']), expectExit: 127, expectOutput: /curl: not found/ },
  {
    title: "a missing CMD binary is recorded as exit -1 with the engine's error (docker exec would say 126)",
    healthcheck: probedHealthcheck(['CMD', 'curl', '-f', 'http://127.0.0.1/']),
    expectExit: -1,
    expectOutput: /executable file not found in \$PATH/,
  },
  {
    // Engine 20.10 records the message alone, although the probe printed "hi"; Engine 24+ (API 1.43)
    // appends what it printed after ": " (moby daemon/health.go, "capture output of killed health checks").
    title: 'a probe past its timeout is exit -1 with the timeout message, followed by its output from API 1.43',
    healthcheck: probedHealthcheck(['CMD-SHELL', 'echo hi; sleep 30'], { timeoutNs: 1e9 }),
    expectExit: -1,
    expectOutput: ({ timeoutIncludesOutput }) =>
      timeoutIncludesOutput ? /^Health check exceeded timeout \(1s\): hi\n$/ : /^Health check exceeded timeout \(1s\)$/,
  },
  {
    title: 'a silent probe past its timeout gets the timeout message alone on every engine',
    healthcheck: probedHealthcheck(['CMD', 'sleep', '30'], { timeoutNs: 1e9 }),
    expectExit: -1,
    expectOutput: /^Health check exceeded timeout \(1s\)$/,
  },
  { title: 'output over 4096 bytes is cut and marked', healthcheck: probedHealthcheck(['CMD-SHELL', 'seq 1 2000']), expectExit: 0, expectOutput: /^1\n2\n[\s\S]*\.\.\.$/ },
  {
    title: 'a cut through a UTF-8 character decodes as Docker reports it',
    healthcheck: probedHealthcheck(['CMD-SHELL', "printf '%04095d€€' 0"]),
    expectExit: 0,
    expectOutput: /^0{4095}\uFFFD\.\.\.$/,
  },
  {
    title: 'stdout and stderr are kept together in order',
    healthcheck: probedHealthcheck(['CMD-SHELL', 'echo out1; sleep 1; echo err1 >&2; sleep 1; echo out2; sleep 1; echo err2 >&2; exit 3']),
    expectExit: 3,
    expectOutput: /^out1\nerr1\nout2\nerr2\n$/,
  },
];

describe('probe runner fidelity: same exit code and output as Docker records in State.Health.Log', function () {
  this.timeout(120_000);
  const engine = new DockerodeEngineClient(docker, address);
  const names = cases.map((c) => uniqueName(`fid-${cases.indexOf(c)}`));
  const docker1st = new Map<string, Promise<{ exitCode: number; output: string }>>();
  let timeoutWithOutput: boolean;
  let timeoutFromStart: boolean;

  before(async () => {
    const apiVersion = (await engine.version()).apiVersion;
    timeoutWithOutput = timeoutIncludesOutput(apiVersion);
    timeoutFromStart = timeoutFromProcessStart(apiVersion);
    // All containers start together and each waits for Docker's first probe (event-driven).
    for (const [i, c] of cases.entries()) {
      const name = names[i];
      docker1st.set(
        name,
        createContainer({ name, healthcheck: c.healthcheck, ...c.container }).then((container) => startAndAwaitFirstProbe(container, name)),
      );
    }
    // Surface a creation failure here instead of as an unhandled rejection.
    await Promise.allSettled(docker1st.values());
  });

  after(async () => {
    await Promise.all(names.map(removeContainer));
  });

  for (const [i, c] of cases.entries()) {
    it(c.title, async () => {
      const recorded = await docker1st.get(names[i])!;
      assert.equal(recorded.exitCode, c.expectExit, `Docker itself recorded ${JSON.stringify(recorded)}`);
      const expectOutput = typeof c.expectOutput === 'function' ? c.expectOutput({ timeoutIncludesOutput: timeoutWithOutput }) : c.expectOutput;
      if (expectOutput) assert.match(recorded.output, expectOutput, `Docker itself recorded ${JSON.stringify(recorded.output)}`);

      const info = await engine.inspectContainer(names[i]);
      const planned = planProbe(c.healthcheck, info);
      assert.ok(planned.ok, 'a runnable check');
      const ours = await runProbe(engine, info.id, planned.plan, { timeoutIncludesOutput: timeoutWithOutput, timeoutFromProcessStart: timeoutFromStart });
      assert.equal(ours.kind, 'result');
      if (ours.kind !== 'result') return;
      assert.deepEqual({ exitCode: ours.exitCode, output: ours.output }, recorded);
    });
  }
});
