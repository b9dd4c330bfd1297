// Runs benchmarks: every out/test/bench/**/*.bench.js (compiled from test/bench/**/*.bench.ts), or only
// those whose path contains one of the names given:  node test/bench/run.mjs lint probe
// Benchmarks print their own figures; they are never part of `npm test`.
import { fork } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(root, 'out/test/bench');
const names = process.argv.slice(2);
const files = (existsSync(dir) ? readdirSync(dir, { recursive: true }) : [])
  .filter((f) => f.endsWith('.bench.js') && (names.length === 0 || names.some((n) => f.includes(n))))
  .sort();
if (files.length === 0) {
  console.error(`No benchmark matches ${names.join(', ') || '(all)'} under out/test/bench; run \`npm run bench\`.`);
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const code = await new Promise((resolve) =>
    fork(path.join(dir, file), [], { cwd: root, stdio: 'inherit' }).on('exit', resolve),
  );
  if (code !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
