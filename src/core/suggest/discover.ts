import { boundedExec, type ExecResult } from './boundedExec';
import type { InspectedContainer } from '../engine/types';
import { engineFacts, type SuggestEngine } from './engine';
import { parseProcNetTcp, type Listener } from './procNet';

/** The programs a healthcheck can probe with, looked for on the container's PATH. */
export const PROBE_TOOLS = [
  'curl',
  'wget',
  'nc',
  'ncat',
  'busybox',
  'pg_isready',
  'redis-cli',
  'mysqladmin',
  'mariadb-admin',
  'healthcheck.sh',
  'mongosh',
  'mongo',
  'rabbitmq-diagnostics',
  'python3',
  'python',
  'node',
  'bash',
  'cat',
  'grep',
] as const;
export type ToolName = (typeof PROBE_TOOLS)[number];

/** A program found in the container and how to call it. */
export interface Tool {
  name: ToolName;
  /** The argv prefix that runs it: `["wget"]`, or `["busybox", "wget"]` for a BusyBox applet with no link on PATH. */
  argv: string[];
  /** Where `command -v` found it (only known when a shell ran the search). */
  path?: string;
  /** For wget and nc: whose implementation it is (their options and behaviour differ). */
  flavor?: 'busybox' | 'gnu' | 'other';
  /** For nc/ncat: whether it has `-z` (connect and close). BusyBox's nc (Debian's build) has not. */
  zeroIo?: boolean;
}

export interface Discovery {
  container: InspectedContainer;
  /** The argv prefix `CMD-SHELL` runs (`Config.Shell`, else `/bin/sh -c`), when it exists in the image; undefined when there is no shell. */
  shell?: string[];
  tools: Map<ToolName, Tool>;
  /** Listening sockets from the container's own /proc/net; undefined when nothing could read them. */
  listeners?: Listener[];
  /** How the listeners were read, e.g. `cat /proc/net/tcp`. */
  listenersFrom?: string;
  /** Ports the image (`EXPOSE`) and the service (`ports`, `expose`) declare: the fallback when /proc cannot be read. */
  declaredPorts: number[];
  /** Every discovery exec, in order, for the log. */
  steps: DiscoveryStep[];
}

export interface DiscoveryStep {
  argv: string[];
  exitCode: number | null;
  /** At most a few lines of what it printed. */
  output: string;
  durationMs: number;
}

export interface DiscoverOptions {
  /** Container-side ports of the service's `ports` and `expose` (see `declaredServicePorts`). */
  servicePorts?: number[];
  signal?: AbortSignal;
  /** Per discovery exec (default 5 s). */
  execTimeoutMs?: number;
}

/** `/proc/net/tcp` of a busy host can be megabytes (150 bytes per socket); read at most this much. */
export const PROC_NET_MAX_BYTES = 1024 * 1024;
const SMALL_OUTPUT_BYTES = 64 * 1024;

/**
 * Finds out, inside the running container and as its own user (`Config.User`, in `Config.WorkingDir`,
 * with its environment and PATH, as Docker runs a probe: moby daemon/health.go), what a healthcheck
 * can run there and what it can reach. Every step is one exec through the engine, bounded in time and
 * output (`boundedExec`); nothing runs on the host.
 */
export async function discover(engine: SuggestEngine, container: InspectedContainer, options: DiscoverOptions = {}): Promise<Discovery> {
  const podman = (await engineFacts(engine)).flavor === 'podman';
  const steps: DiscoveryStep[] = [];
  const run = async (argv: string[], maxBytes = SMALL_OUTPUT_BYTES): Promise<ExecResult> => {
    const started = performance.now();
    const result = await boundedExec(engine, container.id, argv, {
      user: container.user,
      workingDir: container.workingDir,
      timeoutMs: options.execTimeoutMs ?? 5000,
      maxBytes,
      podman,
      signal: options.signal,
    });
    steps.push({ argv, exitCode: result.ran ? result.exitCode : -1, output: firstLines(result.output), durationMs: performance.now() - started });
    return result;
  };

  // The shell CMD-SHELL would use (moby daemon/health.go: Config.Shell, else /bin/sh -c).
  const shellArgv = container.shell?.length ? container.shell : ['/bin/sh', '-c'];
  const shellTry = await run([...shellArgv, 'exit 0']);
  const shell = shellTry.ran && shellTry.exitCode === 0 ? shellArgv : undefined;

  const tools = new Map<ToolName, Tool>();
  if (shell) {
    // The PATH search the engine does when it starts a CMD probe (an executable file in a PATH folder),
    // written with shell builtins only. Not `command -v`: a BusyBox shell built "standalone" answers it
    // with the bare name of any applet it can run internally, present on PATH or not.
    const script = `IFS=:; for t in ${PROBE_TOOLS.join(' ')}; do for d in $PATH; do if [ -f "$d/$t" ] && [ -x "$d/$t" ]; then echo "$t=$d/$t"; break; fi; done; done; exit 0`;
    const found = await run([...shell, script]);
    for (const line of found.output.split('\n')) {
      const eq = line.indexOf('=');
      const name = line.slice(0, eq) as ToolName;
      const path = line.slice(eq + 1).trim();
      if (eq > 0 && (PROBE_TOOLS as readonly string[]).includes(name) && path.startsWith('/')) tools.set(name, { name, argv: [name], path });
    }
  } else {
    // No shell to search with: start each program itself; the engine cannot start one that is not on PATH.
    for (const name of PROBE_TOOLS) {
      // Shell scripts (MariaDB's healthcheck.sh, rabbitmq-diagnostics) cannot run without a shell.
      if (name === 'healthcheck.sh' || name === 'rabbitmq-diagnostics') continue;
      const tried = await run([name, name === 'busybox' ? '--help' : '--version']);
      if (tried.ran) tools.set(name, { name, argv: [name] });
    }
  }

  // A BusyBox binary provides the applets it was built with, whether or not a link for them is on PATH.
  const busybox = tools.get('busybox');
  if (busybox) {
    const list = await run(['busybox', '--list']);
    const applets = new Set(list.output.split('\n').map((s) => s.trim()));
    for (const applet of ['wget', 'nc', 'cat'] as const) {
      if (!tools.has(applet) && applets.has(applet)) tools.set(applet, { name: applet, argv: ['busybox', applet], flavor: 'busybox' });
    }
  }
  const wget = tools.get('wget');
  if (wget && !wget.flavor) {
    const help = await run([...wget.argv, '--help']);
    wget.flavor = /BusyBox/.test(help.output) ? 'busybox' : /GNU Wget/i.test(help.output) ? 'gnu' : 'other';
  }
  for (const name of ['nc', 'ncat'] as const) {
    const nc = tools.get(name);
    if (!nc) continue;
    const help = await run([...nc.argv, '-h']);
    if (!help.ran) {
      tools.delete(name);
      continue;
    }
    nc.flavor ??= /BusyBox/.test(help.output) ? 'busybox' : 'other';
    nc.zeroIo = hasZeroIo(help.output);
  }

  const read = (await readListeners(run, tools, shell)) ?? (await hostListeners(engine, container.id));
  const declaredPorts = new Set(options.servicePorts ?? []);
  for (const spec of await engine.imageExposedPorts(container.imageId).catch(() => [] as string[])) {
    const [port, proto] = spec.split('/');
    if ((proto ?? 'tcp') === 'tcp' && Number(port) > 0) declaredPorts.add(Number(port));
  }
  return {
    container,
    ...(shell ? { shell } : {}),
    tools,
    ...(read ? { listeners: read.listeners, listenersFrom: read.from } : {}),
    declaredPorts: [...declaredPorts].sort((a, b) => a - b),
    steps,
  };
}

/**
 * Whether an nc's help lists `-z` (connect, send nothing, close): as an option line (ncat, BusyBox's
 * "bloaty" nc, GNU netcat) or inside the flag group of the usage line (OpenBSD's `[-46CDdFhklNnrStUuvZz]`).
 */
export function hasZeroIo(help: string): boolean {
  return /^\s*-z\b/m.test(help) || /\[-[0-9A-Za-z]*z[0-9A-Za-z]*\]/.test(help);
}

/** Reads the listening sockets again (a service still starting opens its ports later). */
export async function rereadListeners(engine: SuggestEngine, discovery: Discovery, signal?: AbortSignal): Promise<Discovery> {
  const podman = (await engineFacts(engine)).flavor === 'podman';
  const run = (argv: string[], maxBytes = SMALL_OUTPUT_BYTES): Promise<ExecResult> =>
    boundedExec(engine, discovery.container.id, argv, { user: discovery.container.user, workingDir: discovery.container.workingDir, timeoutMs: 5000, maxBytes, podman, signal });
  const read = (await readListeners(run, discovery.tools, discovery.shell)) ?? (await hostListeners(engine, discovery.container.id));
  return read ? { ...discovery, listeners: read.listeners, listenersFrom: read.from } : discovery;
}

/**
 * The container's own `/proc/net/tcp` and `tcp6` (its network namespace's sockets), read with the
 * first thing that can read a file: cat, BusyBox's cat, the shell's `read` builtin, Python. A file
 * that is missing (`tcp6` with IPv6 off) is no listener; a table past `PROC_NET_MAX_BYTES` is cut there.
 */
async function readListeners(
  run: (argv: string[], maxBytes?: number) => Promise<ExecResult>,
  tools: Map<ToolName, Tool>,
  shell: string[] | undefined,
): Promise<{ listeners: Listener[]; from: string } | undefined> {
  const readers: Array<{ label: string; argv: (file: string) => string[] }> = [];
  const cat = tools.get('cat');
  if (cat) readers.push({ label: cat.argv.join(' '), argv: (file) => [...cat.argv, file] });
  if (shell) readers.push({ label: "the shell's read builtin", argv: (file) => [...shell, `while IFS= read -r l; do echo "$l"; done < ${file}`] });
  for (const python of ['python3', 'python'] as const) {
    const tool = tools.get(python);
    if (tool) readers.push({ label: python, argv: (file) => [...tool.argv, '-c', 'import sys; sys.stdout.write(open(sys.argv[1]).read())', file] });
  }
  for (const reader of readers) {
    const v4 = await run(reader.argv('/proc/net/tcp'), PROC_NET_MAX_BYTES);
    if (!v4.ran || v4.exitCode !== 0 || !/local_address/.test(v4.output)) continue;
    const v6 = await run(reader.argv('/proc/net/tcp6'), PROC_NET_MAX_BYTES);
    const listeners = [...parseProcNetTcp(v4.output, 4), ...(v6.ran && v6.exitCode === 0 ? parseProcNetTcp(v6.output, 6) : [])];
    return { listeners, from: `/proc/net/tcp and tcp6, read with ${reader.label}` };
  }
  return undefined;
}

/** The same tables from this machine's /proc, when the engine runs here (`EngineClient.containerNetTables`). */
async function hostListeners(engine: SuggestEngine, containerId: string): Promise<{ listeners: Listener[]; from: string } | undefined> {
  const tables = await engine.containerNetTables(containerId, PROC_NET_MAX_BYTES).catch(() => undefined);
  if (!tables) return undefined;
  return { listeners: [...parseProcNetTcp(tables.tcp, 4), ...parseProcNetTcp(tables.tcp6 ?? '', 6)], from: "the container's /proc/net/tcp and tcp6, read from the engine's host (nothing in the container can read a file)" };
}

function firstLines(text: string): string {
  const lines = text.split('\n');
  return lines.length > 6 ? `${lines.slice(0, 6).join('\n')}\n… (${lines.length - 6} more lines)` : text;
}
