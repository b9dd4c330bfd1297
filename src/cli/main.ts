import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readTextFile, type ReadResult } from '../core/compose/files';
import { DEFAULT_LIMITS } from '../core/compose/limits';
import { analyzeCompose } from '../core/compose/analyze';
import { modelOf } from '../core/compose/load';
import type { LoadOptions } from '../core/compose/model';
import { isDockerfileName } from '../core/dockerfile/files';
import { imageChecksOf } from '../core/dockerfile/imageCheck';
import { parseDockerfile } from '../core/dockerfile/parse';
import { lintAnalysis, lintText, type EngineTarget, type Finding } from '../core/lint';
import { lintDockerfileText } from '../core/lint/dockerfile';
import { LineIndex } from '../core/compose/range';
import { parseArgs, USAGE, type Format } from './args';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatText } from './formats/text';
import type { Problem } from './problems';
import { runSuggest } from './suggest';

/** Exit status: 0 no errors, 1 errors, 2 usage error or a file that could not be read or checked. */
const EXIT = { clean: 0, errors: 1, trouble: 2 } as const;

function main(argv: string[]): number | Promise<number> {
  const invocation = parseArgs(argv);
  if (invocation.kind === 'help') {
    process.stdout.write(USAGE);
    return EXIT.clean;
  }
  if (invocation.kind === 'usage-error') {
    process.stderr.write(`compose-health: ${invocation.message}\n\n${USAGE}`);
    return EXIT.trouble;
  }
  if (invocation.kind === 'suggest') {
    return runSuggest(invocation, (text) => process.stdout.write(text), (text) => process.stderr.write(text)).catch((error: unknown) => {
      process.stderr.write(`compose-health: suggest failed: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT.trouble;
    });
  }
  const problems: Problem[] = [];
  let trouble = false;
  let checked = 0;
  const maxChars = invocation.maxSizeMb === undefined ? DEFAULT_LIMITS.maxChars : Math.round(invocation.maxSizeMb * 1024 * 1024);
  const engine: EngineTarget | undefined = invocation.engineVersion ? { version: invocation.engineVersion } : undefined;
  for (const file of invocation.files) {
    // A file named on the command line is read whatever its size: the check itself reports the limit.
    const read = readTextFile(file, Number.MAX_SAFE_INTEGER);
    if (!read.ok) {
      process.stderr.write(`compose-health: cannot read ${file}: ${describeReadFailure(read.reason)}\n`);
      trouble = true;
      continue;
    }
    const text = read.text;
    try {
      problems.push(...locate(file, text, maxChars, engine, invocation.stack));
      checked++;
    } catch (error) {
      process.stderr.write(`compose-health: checking ${file} failed: ${error instanceof Error ? error.message : String(error)}; please report this.\n`);
      trouble = true;
    }
  }
  // JSON and SARIF always print (a consumer expects a document); text says nothing when no file was read.
  if (invocation.format !== 'text' || checked > 0) process.stdout.write(render(invocation.format, problems, checked));
  if (trouble) return EXIT.trouble;
  return problems.some((p) => p.severity === 'error') ? EXIT.errors : EXIT.clean;
}

/** As the editor checks a compose file: one parse, the images its Dockerfiles build, then the rules. */
function lintCompose(text: string, options: LoadOptions, engine: EngineTarget | undefined, stack: boolean | undefined): Finding[] {
  let analysis;
  try {
    analysis = analyzeCompose(text, options);
  } catch {
    // lintText reports a bug of ours on unforeseen input as a finding.
    return lintText(text, { ...options, engine, stack });
  }
  const model = modelOf(analysis);
  const imageChecks = model.services.some((s) => s.build) ? imageChecksOf(model, options.readFile!, parseDockerfile) : undefined;
  return lintAnalysis(analysis, { engine, imageChecks, stack });
}

function locate(file: string, text: string, maxChars: number, engine: EngineTarget | undefined, stack: boolean | undefined): Problem[] {
  // A Dockerfile is told by its name (Dockerfile, Containerfile, Dockerfile.*, *.dockerfile…), as docker build does.
  const findings: Finding[] = isDockerfileName(file) ? lintDockerfileText(text, { maxChars }) : lintCompose(text, {
    fileName: resolve(file),
    // Compose reads the process environment, then the .env beside the file (the core reads it via readFile).
    env: process.env,
    // Other files of the project (`.env`, base files, `extends` targets, the Dockerfiles `build:` names)
    // come from disk, bounded like the file.
    readFile: (path) => {
      const other = readTextFile(path, maxChars);
      return other.ok ? other.text : other;
    },
    limits: { maxChars },
  }, engine, stack);
  const lines = new LineIndex(text);
  return findings.map((f) => {
    const start = lines.positionAt(f.range.start);
    const end = lines.positionAt(Math.max(f.range.start, f.range.end));
    return {
      file,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
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

function describeReadFailure(reason: Exclude<ReadResult, { ok: true }>['reason']): string {
  switch (reason) {
    case 'missing':
      return 'no such file; check the path.';
    case 'not-a-file':
      return 'not a regular file (a directory, device or pipe); name the compose files themselves.';
    case 'too-large':
      return 'it is too large to read.';
    case 'unreadable':
      return 'the file cannot be read (permissions?).';
  }
}

void Promise.resolve(main(process.argv.slice(2))).then((code) => {
  process.exitCode = code;
});
