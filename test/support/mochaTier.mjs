// Runs one mocha tier in this (child) process and reports its counts to the parent over IPC, with the
// titles of skipped tests so the summary can name them.
//   node test/support/mochaTier.mjs <dir under out/test> [--exclude <sub-folder>]...
// TEST_GREP narrows to the tests whose title matches.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

// Colour codes only on a terminal: a log file or a CI console would show them as escape sequences.
// `color` covers the reporter's own colours; its ✔ and ✖ come precoloured from picocolors, which colours
// whenever CI is set unless NO_COLOR is (it reads the environment once, when mocha is first imported).
const colour = Boolean(process.stdout.isTTY);
if (!colour) process.env.NO_COLOR = '1';
const { default: Mocha } = await import('mocha');

const { positionals, values } = parseArgs({ allowPositionals: true, options: { exclude: { type: 'string', multiple: true, default: [] } } });
const [dir] = positionals;
const mocha = new Mocha({ reporter: 'spec', timeout: 60_000, color: colour, grep: process.env.TEST_GREP || undefined });
// Only compiled tests whose source still exists: tsc never deletes the output of a removed test.
const source = (f) => path.join(dir.replace(/^out[\\/]/, ''), f.replace(/\.js$/, '.ts'));
const excluded = (f) => values.exclude.some((sub) => f === sub || f.startsWith(`${sub}${path.sep}`));
const files = (existsSync(dir) ? readdirSync(dir, { recursive: true }) : [])
  .filter((f) => f.endsWith('.test.js') && existsSync(source(f)) && !excluded(f))
  .map((f) => path.join(dir, f))
  .sort();
for (const file of files) mocha.addFile(path.resolve(file));
await mocha.loadFilesAsync();
const skippedTitles = [];
// Failures are named with the first line of their error, so the summary (often all a CI log keeps) says
// which test failed and why.
const failedTitles = [];
const runner = mocha.run((failures) => {
  const { passes = 0, pending = 0 } = runner.stats ?? {};
  process.send?.({ passed: passes, failed: failures, skipped: pending, skippedTitles, failedTitles, files: files.length });
  process.exitCode = failures ? 1 : 0;
});
runner.on('pending', (test) => skippedTitles.push(test.fullTitle()));
runner.on('fail', (test, error) => failedTitles.push(`${test.fullTitle()}: ${String(error?.message ?? error).split('\n')[0].slice(0, 300)}`));
