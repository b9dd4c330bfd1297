// The CLI's whole-process time on the 1,000-service file (node start-up, bundle load, read, lint, print)
// beside dclint (the npm package `dclint`, the Docker Compose linter) on the same file. dclint is installed
// on first use into a folder of its own under the system temp dir, never as a project dependency.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { manyServices } from './lint/composeText';

const root = resolve(__dirname, '../../..');
const DCLINT_HOME = process.env.DCLINT_HOME ?? join(tmpdir(), 'compose-health-dclint');
const dclintBin = join(DCLINT_HOME, 'node_modules', '.bin', 'dclint');

function medianProcessMs(command: string, args: string[], runs: number, cwd: string): { ms: number; status: number | null } {
  const times: number[] = [];
  let status: number | null = null;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(command, args, { cwd, stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    status = r.status;
  }
  times.sort((a, b) => a - b);
  return { ms: times[times.length >> 1], status };
}

function ensureDclint(): string | undefined {
  if (existsSync(dclintBin)) return undefined;
  mkdirSync(DCLINT_HOME, { recursive: true });
  const r = spawnSync('npm', ['install', '--prefix', DCLINT_HOME, '--no-audit', '--no-fund', '--no-save', 'dclint@3'], { encoding: 'utf8' });
  return r.status === 0 && existsSync(dclintBin) ? undefined : `dclint could not be installed here: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`;
}

const dir = mkdtempSync(join(tmpdir(), 'lint-bench-'));
try {
  const file = join(dir, 'compose.yaml');
  writeFileSync(file, manyServices(1000));
  const ours = medianProcessMs(process.execPath, [join(root, 'dist/cli.js'), 'lint', '--format', 'json', file], 7, dir);
  console.log(`compose-health lint (node dist/cli.js): median ${ours.ms.toFixed(0)} ms over 7 runs (exit ${ours.status})`);
  const problem = ensureDclint();
  if (problem) {
    console.log(problem);
  } else {
    const direct = medianProcessMs(dclintBin, [file], 3, dir);
    console.log(`dclint ${file.replace(dir, '.')}: median ${direct.ms.toFixed(0)} ms over 3 runs (exit ${direct.status}); ${(direct.ms / ours.ms).toFixed(1)}× ours`);
    const viaNpx = medianProcessMs('npx', ['--prefix', DCLINT_HOME, '--no-install', 'dclint', file], 3, DCLINT_HOME);
    console.log(`npx dclint: median ${viaNpx.ms.toFixed(0)} ms over 3 runs (exit ${viaNpx.status}); ${(viaNpx.ms / ours.ms).toFixed(1)}× ours`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
