import { readFileSync } from 'node:fs';
import { lintText } from '../core/lint';

// Placeholder CLI: `compose-health lint FILE...`; the diagnostics work completes it.
function main(argv: string[]): number {
  const [command, ...files] = argv;
  if (command !== 'lint' || files.length === 0) {
    process.stderr.write('usage: compose-health lint [--format text|json|sarif] FILE...\n');
    return 2;
  }
  let errors = 0;
  for (const file of files) {
    const findings = lintText(readFileSync(file, 'utf8'), { fileName: file });
    errors += findings.filter((f) => f.severity === 'error').length;
    for (const f of findings) process.stdout.write(`${file}: ${f.severity} ${f.code}: ${f.message}\n`);
  }
  return errors > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
