// Runs one mocha tier in this (child) process and reports its counts to the parent over IPC.
//   node test/support/mochaTier.mjs <dir under out/test> [grep]
import Mocha from 'mocha';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const [dir, grep] = process.argv.slice(2);
const mocha = new Mocha({ reporter: 'spec', timeout: 60_000, color: !process.env.CI, grep });
// Only compiled tests whose source still exists: tsc never deletes the output of a removed test.
const source = (f) => path.join(dir.replace(/^out[\\/]/, ''), f.replace(/\.js$/, '.ts'));
// Folders another pass of test/run.mjs runs (its TEST_EXCLUDE, path.delimiter-separated).
const excluded = (process.env.TEST_EXCLUDE ?? '').split(path.delimiter).filter(Boolean).map((d) => path.resolve(d) + path.sep);
const files = (existsSync(dir) ? readdirSync(dir, { recursive: true }) : [])
  .filter((f) => f.endsWith('.test.js') && existsSync(source(f)) && !excluded.some((d) => path.resolve(dir, f).startsWith(d)))
  .map((f) => path.join(dir, f))
  .sort();
for (const file of files) mocha.addFile(path.resolve(file));
await mocha.loadFilesAsync();
const runner = mocha.run((failures) => {
  const { passes = 0, pending = 0 } = runner.stats ?? {};
  process.send?.({ passed: passes, failed: failures, skipped: pending, files: files.length });
  process.exitCode = failures ? 1 : 0;
});
