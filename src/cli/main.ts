import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lintText } from '../core/lint';
import { parseArgs, USAGE, type Format } from './args';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatText } from './formats/text';
import { LineIndex } from './lineIndex';
import type { Problem } from './problems';

/** Exit status: 0 no errors, 1 errors, 2 usage error or a file that could not be read or checked. */
const EXIT = { clean: 0, errors: 1, trouble: 2 } as const;

function main(argv: string[]): number {
  const invocation = parseArgs(argv);
  if (invocation.kind === 'help') {
    process.stdout.write(USAGE);
    return EXIT.clean;
  }
  if (invocation.kind === 'usage-error') {
    process.stderr.write(`compose-health: ${invocation.message}\n\n${USAGE}`);
    return EXIT.trouble;
  }
  const problems: Problem[] = [];
  let trouble = false;
  let checked = 0;
  for (const file of invocation.files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      process.stderr.write(`compose-health: cannot read ${file}: ${describeIoError(error)}\n`);
      trouble = true;
      continue;
    }
    try {
      problems.push(...locate(file, text, invocation.maxSizeMb));
      checked++;
    } catch (error) {
      process.stderr.write(`compose-health: checking ${file} failed: ${error instanceof Error ? error.message : String(error)}; please report this.\n`);
      trouble = true;
    }
  }
  process.stdout.write(render(invocation.format, problems, checked));
  if (trouble) return EXIT.trouble;
  return problems.some((p) => p.severity === 'error') ? EXIT.errors : EXIT.clean;
}

/** Other files of the project (`.env`, base files, `extends` targets) come from disk; missing ones are undefined. */
function readProjectFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function locate(file: string, text: string, maxSizeMb: number | undefined): Problem[] {
  // Compose reads the process environment, then the .env beside the file (the core reads it via readFile).
  const findings = lintText(text, {
    fileName: resolve(file),
    env: process.env,
    readFile: readProjectFile,
    ...(maxSizeMb === undefined ? {} : { limits: { maxChars: Math.round(maxSizeMb * 1024 * 1024) } }),
  });
  const lines = new LineIndex(text);
  return findings.map((f) => {
    const start = lines.position(f.range.start);
    const end = lines.position(Math.max(f.range.start, f.range.end));
    return {
      file,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      severity: f.severity,
      code: f.code,
      message: f.message,
    };
  });
}

function render(format: Format, problems: Problem[], fileCount: number): string {
  switch (format) {
    case 'json':
      return formatJson(problems);
    case 'sarif':
      // dist/cli.js ships next to docs/ in the package (see .vscodeignore).
      return formatSarif(problems, { cwd: process.cwd(), rulesDoc: pathToFileURL(join(__dirname, '..', 'docs', 'rules.md')).href });
    case 'text':
      return formatText(problems, fileCount);
  }
}

function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file; check the path.';
    case 'EISDIR':
      return 'it is a directory; name the compose files inside it.';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied.';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

process.exitCode = main(process.argv.slice(2));
