import * as assert from 'node:assert/strict';
import type Docker from 'dockerode';
import { loadCompose } from '../../../src/core/compose/load';
import { DockerodeEngineClient } from '../../../src/core/engine/dockerodeClient';
import { runProbe, timeoutIncludesOutput } from '../../../src/core/probe/runProbe';
import { ServiceInspector, type RunningContainer } from '../../../src/core/probe/serviceStates';
import { IMAGE, dockerAt, removeProject } from '../health/support';
import { NO_SHELL_IMAGE } from '../probe/dockerHarness';
import { PODMAN_HOST, podmanHealthcheckRun, uniquePodmanProject } from './support';

// Run probe and drift through Podman's socket, compared with what `podman healthcheck run` records
// for the same container.
describe('(engine, Podman) Run probe and drift through the Docker-compatible socket', function () {
  this.timeout(60_000);
  const docker = dockerAt(PODMAN_HOST);
  const engine = new DockerodeEngineClient(docker, { url: PODMAN_HOST, source: { kind: 'env' } });
  const project = uniquePodmanProject('probe');
  const workingDir = `/tmp/${project}`;
  const composeFile = `${workingDir}/compose.yaml`;
  const composeText = (okInterval: string) => `services:
  ok:
    image: busybox
    healthcheck: { test: "echo ready", interval: ${okInterval}, timeout: 5s, retries: 1 }
  fails:
    image: busybox
    healthcheck: { test: "echo nope; exit 3", interval: 1m, timeout: 5s, retries: 1 }
  missing:
    image: busybox
    healthcheck: { test: ["CMD", "/bin/nosuch"], interval: 1m, timeout: 5s, retries: 1 }
  slow:
    image: busybox
    healthcheck: { test: "echo hi; sleep 2", interval: 1m, timeout: 1s, retries: 1 }
`;
  const model = loadCompose(composeText('1m'), { fileName: composeFile, env: { COMPOSE_PROJECT_NAME: project } });
  const containers = new Map<string, Docker.Container>();

  before(async () => {
    // As Compose would create them from the file: its labels and the file's healthcheck.
    for (const service of model.services) {
      const hc = service.healthcheck!.spec;
      const created = await docker.createContainer({
        name: `${project}-${service.name}-1`,
        Image: IMAGE,
        Cmd: ['sleep', '3600'],
        Labels: {
          'com.docker.compose.project': project,
          'com.docker.compose.service': service.name,
          'com.docker.compose.container-number': '1',
          'com.docker.compose.project.working_dir': workingDir,
          'com.docker.compose.project.config_files': composeFile,
          'com.docker.compose.oneoff': 'False',
        },
        Healthcheck: { Test: hc.test, Interval: hc.intervalNs, Timeout: hc.timeoutNs, Retries: hc.retries },
        HostConfig: { NetworkMode: 'none' },
      });
      await created.start();
      containers.set(service.name, created);
    }
  });

  after(() => removeProject(docker, project));

  async function recordedByPodman(service: string): Promise<{ exitCode: number; output: string }> {
    await podmanHealthcheckRun(`${project}-${service}-1`);
    const last = (await engine.inspectContainer(containers.get(service)!.id)).health?.log.at(-1);
    assert.ok(last, `Podman recorded a probe of ${service}`);
    return { exitCode: last.exitCode, output: last.output };
  }

  it('Run probe gives what Podman records: exit 0, exit 1 for any failure, -1 past the timeout, whose process is ended', async () => {
    const state = await new ServiceInspector(engine).inspect(composeFile, model);
    assert.ok(state.ok, state.ok ? '' : state.message);
    assert.equal(state.flavor, 'podman');
    const results: Record<string, { ours: unknown; podman: unknown }> = {};
    for (const service of ['ok', 'fails', 'missing', 'slow']) {
      const running: RunningContainer[] = state.services.get(service)!.running;
      assert.equal(running.length, 1, service);
      const { container, plan } = running[0];
      assert.ok(plan.ok, service);
      const ours = await runProbe(engine, container.id, plan.plan, { timeoutIncludesOutput: timeoutIncludesOutput(state.apiVersion), flavor: state.flavor });
      assert.equal(ours.kind, 'result', `${service}: ${JSON.stringify(ours)}`);
      if (service === 'slow') {
        // Podman would let the late probe run on; Run probe ends it (and its sleep) through the same
        // /proc mapping as on Docker: Podman's exec inspect gives the host PID while the exec runs.
        assert.equal(ours.kind === 'result' && ours.lingering, undefined);
        const top = await containers.get(service)!.top();
        assert.doesNotMatch(JSON.stringify(top.Processes), /sleep 2\b/);
      }
      results[service] = { ours: ours.kind === 'result' && { exitCode: ours.exitCode, output: ours.output }, podman: await recordedByPodman(service) };
    }
    for (const service of ['ok', 'fails', 'slow']) assert.deepEqual(results[service].ours, results[service].podman, service);
    assert.deepEqual(results.ok.podman, { exitCode: 0, output: 'ready' });
    assert.deepEqual(results.fails.podman, { exitCode: 1, output: 'nope' });
    assert.deepEqual(results.slow.podman, { exitCode: -1, output: 'hi' });
    // A command the runtime cannot start: Podman records 1 with no output; the probe shows the same
    // code and the runtime's reason, which Podman's log leaves out.
    assert.deepEqual(results.missing.podman, { exitCode: 1, output: '' });
    const missing = results.missing.ours as { exitCode: number; output: string };
    assert.equal(missing.exitCode, 1);
    assert.match(missing.output, /\/bin\/nosuch.*no such file or directory/);
  });

  it('drift: none against the file the containers were made from; a changed interval is reported', async () => {
    const same = await new ServiceInspector(engine).inspect(composeFile, model);
    assert.ok(same.ok);
    for (const [name, service] of same.services) assert.deepEqual(service.running[0].drift, [], name);
    const edited = loadCompose(composeText('10s'), { fileName: composeFile, env: { COMPOSE_PROJECT_NAME: project } });
    const changed = await new ServiceInspector(engine).inspect(composeFile, edited);
    assert.ok(changed.ok);
    assert.deepEqual(changed.services.get('ok')!.running[0].drift, [{ field: 'interval', container: '1m0s', file: '10s' }]);
  });

  it('a late probe in an image without a shell reports that its process may still be running, and why', async () => {
    const shellless = await docker.createContainer({ name: `${project}-noshell`, Image: NO_SHELL_IMAGE, Cmd: ['sleep', '3600'], StopTimeout: 1, HostConfig: { NetworkMode: 'none' } });
    try {
      await shellless.start();
      const plan = { test: ['CMD', 'sleep', '107'], argv: ['sleep', '107'], user: '', workingDir: '', timeoutNs: 500e6, fromImage: false };
      const outcome = await runProbe(engine, shellless.id, plan, { timeoutIncludesOutput: false, flavor: 'podman' });
      assert.equal(outcome.kind === 'result' && outcome.timedOut, true, JSON.stringify(outcome));
      // Podman reports Pid 0 for every ended exec, so the failed kill exec is told apart by its exit code.
      assert.match(outcome.kind === 'result' ? (outcome.lingering ?? '') : '', /^the image has no shell \(sh\) to run kill in/);
      // The statement is true. (Podman's top answers nothing for this image: it has no ps to fall back on.)
      const execs = await Promise.all(((await shellless.inspect()).ExecIDs ?? []).map((id) => docker.getExec(id).inspect()));
      assert.ok(
        execs.some((e) => e.Running && e.ProcessConfig.entrypoint === 'sleep'),
        `the probe is still running: ${JSON.stringify(execs.map((e) => [e.Running, e.ProcessConfig]))}`,
      );
    } finally {
      await shellless.remove({ force: true });
    }
  });

  it('Run probe in a container that stopped meanwhile says it is not running (Podman refuses the exec with a 500)', async () => {
    const state = await new ServiceInspector(engine).inspect(composeFile, model);
    assert.ok(state.ok);
    const { container, plan } = state.services.get('ok')!.running[0];
    assert.ok(plan.ok);
    await containers.get('ok')!.stop({ t: 0 });
    const outcome = await runProbe(engine, container.id, plan.plan, { timeoutIncludesOutput: false, flavor: state.flavor });
    assert.match(outcome.kind === 'error' ? outcome.message : JSON.stringify(outcome), new RegExp(`^Container ${project}-ok-1 is not running`));
  });
});
