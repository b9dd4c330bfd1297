import type { EngineAddress } from './address';

// The Engine API cannot end an exec's process (there is no "kill exec" endpoint; exec inspect only
// reports `Pid`, the process's PID in the HOST's PID namespace, as containerd returns it: moby
// daemon/exec.go `ec.Pid = systemPid`). Ending it therefore needs its PID inside the container's
// namespace, which only this machine's /proc can tell (`NSpid` of /proc/<pid>/status), and only when
// the engine runs on this machine's kernel. This file answers both questions from /proc text; the
// adapter (dockerodeClient.ts) does the reads and the kill.

export type Visibility = { ok: true } | { ok: false; reason: string };

/**
 * Whether the engine at `address` may share this machine's process table: a unix socket (or a TCP
 * port on the loopback) on Linux. Even then the engine can be elsewhere (Docker Desktop's VM behind a
 * local socket, or VS Code itself in a container with the host's socket mounted), so every process is
 * still checked by `identifyExecProcess` before anything is signalled.
 */
export function engineProcessesVisible(address: EngineAddress, platform: NodeJS.Platform): Visibility {
  if (platform !== 'linux') {
    return { ok: false, reason: `on ${platform} the engine runs in a virtual machine, whose process IDs this machine cannot see` };
  }
  const url = address.url;
  if (url.startsWith('unix://')) return { ok: true };
  const loopback = /^(tcp:\/\/)?(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/?$/.test(url);
  if (loopback) return { ok: true };
  return { ok: false, reason: `the engine at ${url} runs on another machine, whose process IDs this machine cannot see` };
}

/** `/proc/<pid>/stat`: the parent's PID and the start time (clock ticks after boot, field 22). */
export interface ProcStat {
  ppid: number;
  startTicks: string;
}

/** Parses /proc/<pid>/stat. The command name (field 2) is in parentheses and may hold spaces or ')'. */
export function parseProcStat(text: string): ProcStat | undefined {
  const close = text.lastIndexOf(') ');
  if (close < 0) return undefined;
  const fields = text.slice(close + 2).trim().split(/\s+/);
  // fields[0] is field 3 (state), so field N is fields[N - 3].
  const ppid = Number(fields[1]);
  const startTicks = fields[19];
  if (!Number.isInteger(ppid) || !startTicks || !/^\d+$/.test(startTicks)) return undefined;
  return { ppid, startTicks };
}

/** The `NSpid:` line of /proc/<pid>/status: the PID in each PID namespace, outermost first (Linux ≥ 4.1). */
export function parseNsPids(statusText: string): number[] | undefined {
  const line = statusText.split('\n').find((l) => l.startsWith('NSpid:'));
  if (!line) return undefined;
  const pids = line.slice('NSpid:'.length).trim().split(/\s+/).map(Number);
  return pids.length > 0 && pids.every((p) => Number.isInteger(p) && p > 0) ? pids : undefined;
}

/** The exec's process as the container sees it: its PID there and its start time, to recognise it. */
export interface ContainerProcess {
  pid: number;
  startTicks: string;
}

/** Reads a /proc file; undefined when it cannot be read (the process is gone, or not visible). */
export type ProcReader = (file: string) => string | undefined;

/**
 * Maps the exec's host PID to its PID inside the container, after checking on this machine's /proc
 * that it is a process of THAT container: it sits in the same cgroups as the container's main
 * process (`State.Pid`; runc puts an exec into its container's cgroups) and one PID namespace level
 * below the host, where the main process is PID 1. A PID from an engine in another kernel (a VM) fails
 * these checks, and then nothing is signalled.
 */
export function identifyExecProcess(hostPid: number, containerMainPid: number, read: ProcReader): { ok: true; process: ContainerProcess } | { ok: false; reason: string } {
  const hidden = { ok: false as const, reason: "the engine's process IDs are not visible from this machine (the engine runs in a virtual machine or another container)" };
  if (!(hostPid > 0) || !(containerMainPid > 0)) return hidden;
  const status = read(`/proc/${hostPid}/status`);
  const stat = read(`/proc/${hostPid}/stat`);
  const cgroup = read(`/proc/${hostPid}/cgroup`);
  const mainStatus = read(`/proc/${containerMainPid}/status`);
  const mainCgroup = read(`/proc/${containerMainPid}/cgroup`);
  if (status === undefined || stat === undefined || cgroup === undefined || mainStatus === undefined || mainCgroup === undefined) return hidden;
  const pids = parseNsPids(status);
  const mainPids = parseNsPids(mainStatus);
  const parsed = parseProcStat(stat);
  if (!pids || !mainPids || !parsed) {
    return { ok: false, reason: 'this kernel does not report PIDs per namespace (NSpid in /proc/<pid>/status needs Linux 4.1)' };
  }
  const sameNamespaceDepth = pids.length === mainPids.length && pids.length >= 2 && mainPids[mainPids.length - 1] === 1;
  if (!sameNamespaceDepth || cgroup !== mainCgroup) return hidden;
  return { ok: true, process: { pid: pids[pids.length - 1], startTicks: parsed.startTicks } };
}

/**
 * Runs inside the container as `sh -c SCRIPT sh <pid> <start ticks>` and ends that process and all its
 * descendants. Why each step:
 * - It first re-reads /proc/<pid>/stat there: the same start time proves the PID still names the probe
 *   (a PID is reused only after its process is gone, and a new process has a later start time), so a
 *   process that is not the probe's is never signalled.
 * - It freezes the tree with SIGSTOP before killing it: a stopped process can neither fork nor exit,
 *   so the walk over /proc (children by PPid, repeated until no new one appears) sees the whole tree,
 *   and none of its PIDs can be reused meanwhile. Then SIGKILL ends the frozen set at once. Killing
 *   only the top process, as moby daemon/exec.go does on the monitor's timeout (TERM, then KILL after
 *   10 s), would leave e.g. the `sleep` of `sh -c 'sleep 100; echo'` running, reparented to PID 1.
 * - Docker's own probe, a user's `docker exec` session and the main process are never in the tree:
 *   each is started by runc from outside the container, so its parent PID there is 0, not the probe's.
 * Only POSIX sh, its `read`, `kill` (a builtin in ash, dash and bash) and /proc are used, no `ps`.
 * Exit 3: the probe had already ended. Exit 4: the shell has no kill (not 127, which Podman gives an
 * exec its runtime could not start).
 */
export const KILL_TREE_SCRIPT = [
  "stat() { p=; s=; read -r l 2>/dev/null <\"/proc/$1/stat\" || return 1; set -- ${l##*') '}; p=$2; s=${20}; }",
  'stat "$1" && [ "$s" = "$2" ] || exit 3',
  'command -v kill >/dev/null || exit 4',
  'kill -STOP "$1" || exit 3',
  'tree=" $1 "; grew=1',
  'while [ $grew = 1 ]; do grew=0',
  '  for d in /proc/[0-9]*; do c=${d#/proc/}',
  '    case "$tree" in *" $c "*) continue;; esac',
  '    stat "$c" || continue',
  '    case "$tree" in *" $p "*) kill -STOP "$c" 2>/dev/null && tree="$tree$c " && grew=1;; esac',
  '  done',
  'done',
  'kill -KILL $tree',
].join('\n');
