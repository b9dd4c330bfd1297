// Runs one mocha tier in this (child) process and reports its counts to the parent over IPC.
//   node test/support/mochaTier.mjs <dir under out/test> [--exclude <sub-folder>]...
// TEST_GREP narrows to the tests whose title matches.
import Mocha from 'mocha';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { exclude: { type: 'string', multiple: true, default: [] } } });
const [dir] = positionals;
const mocha = new Mocha({ reporter: 'spec', timeout: 60_000, color: !process.env.CI, grep: process.env.TEST_GREP || undefined });
// Only compiled tests whose source still exists: tsc never deletes the output of a removed test.
const source = (f) => path.join(dir.replace(/^out[\\/]/, ''), f.replace(/\.js$/, '.ts'));
const excluded = (f) => values.exclude.some((sub) => f === sub || f.startsWith(`${sub}${path.sep}`));
const files = (existsSync(dir) ? readdirSync(dir, { recursive: true }) : [])
  .filter((f) => f.endsWith('.test.js') && existsSync(source(f)) && !excluded(f))
  .map((f) => path.join(dir, f))
  .sort();
for (const file of files) mocha.addFile(path.resolve(file));
await mocha.loadFilesAsync();
const runner = mocha.run((failures) => {
  const { passes = 0, pending = 0 } = runner.stats ?? {};
  process.send?.({ passed: passes, failed: failures, skipped: pending, files: files.length });
  process.exitCode = failures ? 1 : 0;
});
