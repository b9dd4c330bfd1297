// Probe round trip for `true`: the probe runner (Engine API exec: inspect, create, start, inspect)
// against the Docker CLI's `docker exec <container> true`, on the same container; median of 20 each.
//   npm run bench -- probe
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { DockerodeEngineClient } from '../../src/core/engine/dockerodeClient';
import { planProbe } from '../../src/core/probe/plan';
import { runProbe } from '../../src/core/probe/runProbe';
import { address, createContainer, docker, removeContainer, uniqueName } from '../engine/probe/dockerHarness';

const ROUNDS = 20;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function dockerExec(name: string): Promise<void> {
  return new Promise((resolve, reject) => execFile('docker', ['exec', name, 'true'], (error) => (error ? reject(error) : resolve())));
}

async function main(): Promise<void> {
  const name = uniqueName('bench');
  await (await createContainer({ name })).start();
  try {
    const engine = new DockerodeEngineClient(docker, address);
    const includeOutput = false;
    // Warm both paths once (connection set-up, CLI binary in the page cache).
    await dockerExec(name);
    const probeOnce = async (): Promise<void> => {
      // What one click costs: read the container (user, working dir, shell), then exec.
      const info = await engine.inspectContainer(name);
      const planned = planProbe({ test: ['CMD', 'true'] }, info);
      if (!planned.ok) throw new Error(planned.message);
      const outcome = await runProbe(engine, info.id, planned.plan, { timeoutIncludesOutput: includeOutput });
      if (outcome.kind !== 'result' || outcome.exitCode !== 0) throw new Error(`unexpected ${JSON.stringify(outcome)}`);
    };
    await probeOnce();
    const runner: number[] = [];
    const cli: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // Interleaved so that background load on the shared machine hits both alike.
      let t = performance.now();
      await probeOnce();
      runner.push(performance.now() - t);
      t = performance.now();
      await dockerExec(name);
      cli.push(performance.now() - t);
    }
    const r = median(runner);
    const c = median(cli);
    console.log(`probe runner (inspect + exec create/start/inspect): median ${r.toFixed(1)} ms of ${ROUNDS}`);
    console.log(`docker exec <container> true (CLI):                median ${c.toFixed(1)} ms of ${ROUNDS}`);
    console.log(`ratio runner / CLI: ${(r / c).toFixed(2)} (target ≤ 1.0)`);
  } finally {
    await removeContainer(name);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
