import * as assert from 'node:assert/strict';
import { loadCompose } from '../../../src/core/compose/load';
import { healthcheckDrift } from '../../../src/core/probe/drift';
import { DockerodeEngineClient } from '../../../src/core/engine/dockerodeClient';
import { planProbe } from '../../../src/core/probe/plan';
import { runProbe } from '../../../src/core/probe/runProbe';
import { address, docker, IMAGE, removeContainer, startAndAwaitFirstProbe, uniqueName } from './dockerHarness';

// A block with timing keys but no test tunes the image's own HEALTHCHECK: the probe must run the
// image's command with the file's timing, and match what Docker records.
describe("timing keys without test run the image's HEALTHCHECK", function () {
  this.timeout(60_000);
  const engine = new DockerodeEngineClient(docker, address);
  const tag = uniqueName('hc').slice('chprobe-'.length);
  const image = `chprobe/busybox-hc:${tag}`;
  const base = uniqueName('base');
  const name = uniqueName('tuned');
  const spec = loadCompose('services:\n  db:\n    image: x\n    healthcheck:\n      interval: 300ms\n      timeout: 2s\n      retries: 1\n').services[0].healthcheck!.spec;

  before(async () => {
    // `docker commit --change HEALTHCHECK …` gives an image with its own check, without a registry.
    const seed = await docker.createContainer({ name: base, Image: IMAGE, Cmd: ['true'] });
    await seed.commit({ repo: 'chprobe/busybox-hc', tag, changes: 'HEALTHCHECK --interval=30s CMD echo "image says $0"' });
    await seed.remove();
  });

  after(async () => {
    await removeContainer(name);
    await docker.getImage(image).remove({ force: true }).catch(() => undefined);
  });

  it("runs the image's command, says so, and gets what Docker records", async () => {
    const created = await docker.createContainer({
      name,
      Image: image,
      Cmd: ['sleep', '3600'],
      Healthcheck: { Interval: spec.intervalNs, Timeout: spec.timeoutNs, Retries: spec.retries },
    });
    const recorded = await startAndAwaitFirstProbe(created, name);
    assert.deepEqual(recorded, { exitCode: 0, output: 'image says /bin/sh\n' }, 'what Docker itself recorded');

    const info = await engine.inspectContainer(name);
    const imageCheck = await engine.imageHealthcheck(info.imageId);
    const planned = planProbe(spec, info, imageCheck);
    assert.ok(planned.ok);
    assert.equal(planned.plan.fromImage, true);
    assert.equal(planned.plan.timeoutNs, 2e9, "the file's timeout");
    assert.deepEqual(healthcheckDrift(spec, info.healthcheck, imageCheck, (await engine.version()).apiVersion), [], 'the container runs the file-tuned check');
    const ours = await runProbe(engine, info.id, planned.plan, { timeoutIncludesOutput: false });
    assert.deepEqual(ours.kind === 'result' && { exitCode: ours.exitCode, output: ours.output }, recorded);
  });
});
