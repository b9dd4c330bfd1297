export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export type Invocation =
  | { kind: 'help' }
  | { kind: 'lint'; format: Format; files: string[]; maxSizeMb?: number; engineVersion?: string; stack?: boolean }
  | { kind: 'suggest'; format: 'text' | 'json'; apply: boolean; file: string; services: string[] }
  | { kind: 'usage-error'; message: string };

export const USAGE = `Usage: compose-health lint [--format text|json|sarif] [--engine-version VERSION] [--stack] FILE...
       compose-health suggest [--format text|json] [--apply] FILE [SERVICE...]

Checks the healthchecks of Docker Compose files the way Docker Compose and the Docker Engine read them,
and the HEALTHCHECK instructions of Dockerfiles the way BuildKit reads them. A FILE named Dockerfile,
Containerfile, Dockerfile.*, Containerfile.*, *.Dockerfile, *.dockerfile or *.containerfile is a
Dockerfile; any other is a compose file.

Options:
  --format FORMAT      text (default): one line per problem, then a summary
                       json: one JSON array of {file, line, column, endLine, endColumn, severity, code, message}
                       sarif: SARIF 2.1.0, for code-scanning tools
  --max-size MB        check files up to this size (default 2); larger files get a check-limit warning
  --engine-version V   the Docker Engine the files run on (e.g. 20.10, 24.0.7, 26): also report what
                       docker compose refuses on that engine (start_interval needs Engine 25)
  --stack              the files are deployed as Swarm stacks (docker stack deploy): also report what
                       it rejects, ignores or reads differently (depends_on, restart, container_name,
                       update_config.monitor against the healthcheck)
  -h, --help           show this help

\${VAR} in a file is filled in from the environment and from the .env file next to it.
Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error or unreadable file.

suggest finds a healthcheck that works in each service's running container: it looks at what the
container can run and where it listens, tries candidate checks inside it the way Docker runs a
healthcheck, and offers only one that passed, with timing from what it measured (docs/suggest.md).
Every service of FILE when no SERVICE is named. The Docker Engine is found as the docker CLI finds it
(DOCKER_HOST, DOCKER_CONTEXT, the current context, the default socket).
  --format FORMAT      text (default), or json: one array with one element per service
  --apply              write each verified healthcheck into the file that defines the service
Exit status: 0 every service got a verified healthcheck, 1 some did not, 2 usage error, unreadable
or non-compose file, no engine, or a service without a running container.
`;

export function parseArgs(argv: readonly string[]): Invocation {
  if (argv.length === 0) return { kind: 'usage-error', message: 'no command given.' };
  if (argv.includes('-h') || argv.includes('--help') || argv[0] === 'help') return { kind: 'help' };
  const [command, ...rest] = argv;
  if (command === 'suggest') return parseSuggest(rest);
  if (command !== 'lint') return { kind: 'usage-error', message: `unknown command "${command}"; the commands are "lint" and "suggest".` };
  let format: Format = 'text';
  let maxSizeMb: number | undefined;
  let engineVersion: string | undefined;
  let stack = false;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--') {
      files.push(...rest.slice(i + 1));
      break;
    }
    if (arg === '--max-size' || arg.startsWith('--max-size=')) {
      const raw = arg === '--max-size' ? rest[++i] : arg.slice('--max-size='.length);
      maxSizeMb = Number(raw);
      if (raw === undefined || raw.trim() === '' || !(maxSizeMb > 0)) {
        return { kind: 'usage-error', message: `--max-size needs a positive number of megabytes, not "${raw ?? ''}".` };
      }
      continue;
    }
    if (arg === '--stack') {
      stack = true;
      continue;
    }
    if (arg === '--engine-version' || arg.startsWith('--engine-version=')) {
      const raw = arg === '--engine-version' ? rest[++i] : arg.slice('--engine-version='.length);
      if (raw === undefined || !/^v?\d+(\.\d+){0,2}$/.test(raw.trim())) {
        return { kind: 'usage-error', message: `--engine-version needs a Docker Engine version such as 20.10 or 26.1.5, not "${raw ?? ''}".` };
      }
      engineVersion = raw.trim();
      continue;
    }
    let value: string | undefined;
    if (arg === '--format') {
      value = rest[++i];
      if (value === undefined) return { kind: 'usage-error', message: `${arg} needs a value: ${FORMATS.join(', ')}.` };
    } else if (arg.startsWith('--format=')) {
      value = arg.slice('--format='.length);
    } else if (arg.startsWith('-') && arg !== '-') {
      return { kind: 'usage-error', message: `unknown option "${arg}".` };
    } else {
      files.push(arg);
      continue;
    }
    if (!(FORMATS as readonly string[]).includes(value)) {
      return { kind: 'usage-error', message: `unknown format "${value}"; use one of ${FORMATS.join(', ')}.` };
    }
    format = value as Format;
  }
  if (files.length === 0) return { kind: 'usage-error', message: 'no FILE given: name the compose files or Dockerfiles to check.' };
  return { kind: 'lint', format, files, ...(maxSizeMb === undefined ? {} : { maxSizeMb }), ...(engineVersion === undefined ? {} : { engineVersion }), ...(stack ? { stack } : {}) };
}

function parseSuggest(rest: readonly string[]): Invocation {
  let format: 'text' | 'json' = 'text';
  let apply = false;
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--') {
      positional.push(...rest.slice(i + 1));
      break;
    }
    if (arg === '--apply') {
      apply = true;
      continue;
    }
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? rest[++i] : arg.slice('--format='.length);
      if (value !== 'text' && value !== 'json') return { kind: 'usage-error', message: `suggest --format needs text or json, not "${value ?? ''}".` };
      format = value;
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') return { kind: 'usage-error', message: `unknown option "${arg}" for suggest.` };
    positional.push(arg);
  }
  const [file, ...services] = positional;
  if (file === undefined) return { kind: 'usage-error', message: 'no FILE given: name the compose file whose services to suggest healthchecks for.' };
  return { kind: 'suggest', format, apply, file, services };
}
