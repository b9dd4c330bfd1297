import type { FailureExplanation } from './model';

/** What the classifier reads of a failed probe: Docker's health log entry, plus the check when known. */
export interface FailedProbe {
  exitCode: number;
  output: string;
  /** `Config.Healthcheck.Test` (`['CMD-SHELL', '…']` / `['CMD', …]`), to name the tool and the port. */
  test?: readonly string[];
}

// moby daemon/health.go: a probe killed at its timeout is recorded as exit -1 with this text (Engine 24+
// appends `: <output>`); an exec that could not start is exit -1 with the runtime's error.
const TIMEOUT = /^Health check exceeded timeout\b/;
// `sh: curl: not found` (BusyBox/dash, exit 127), `bash: curl: command not found`, and the runtime's
// `exec: "curl": executable file not found in $PATH` / `…: no such file or directory` for CMD (exit -1).
// A name with a `/` is looked up as a path (`exec: "wget -q -O- http://…": stat wget -q -O- http://…: no
// such file or directory`, seen on Engine 20.10 and 26 for the example stack's `metrics`): the stat's
// subject can hold colons, so it is matched lazily up to the message.
const NOT_FOUND = /(?:^|\n)\s*(?:\S+:\s+)?(?:line \d+:\s+)?([\w./-]+): (?:command )?not found\b|exec: "([^"]+)": executable file not found|exec: "([^"]+)": stat .*?: no such file or directory/;
const REFUSED = /Connection refused|ECONNREFUSED|Failed to connect to|can't connect to remote host|Couldn't connect to server/i;
const DNS = /Could not resolve host|bad address|Name or service not known|Temporary failure in name resolution|getaddrinfo|ENOTFOUND|unable to resolve host/i;
// curl --fail: `The requested URL returned error: 503` (exit 22); wget: `server returned error: HTTP/1.1 503`
// (BusyBox) or `ERROR 503: Service Unavailable.` (GNU).
const HTTP_STATUS = /returned error: (?:HTTP\/[\d.]+ )?(\d{3})|\bERROR (\d{3})\b/;
const PERMISSION = /Permission denied|EACCES|operation not permitted/i;
// The probe's own tool gave up before Docker's timeout: curl `(28) Operation timed out` / `Connection timed
// out`, BusyBox wget -T `download timed out`, GNU wget `Read error … Connection timed out`.
const TOOL_TIMEOUT = /Operation timed out|Connection timed out|download timed out|timed out after \d+/i;

/**
 * Why a probe failed, from its exit code and output, as Docker recorded them. Undefined for a success.
 * The classes follow what the tools print; the advice names the tool or port when the check does.
 */
export function classifyProbe(probe: FailedProbe): FailureExplanation | undefined {
  if (probe.exitCode === 0) return undefined;
  const output = probe.output;
  if (probe.exitCode === -1 && TIMEOUT.test(output)) {
    const limit = /exceeded timeout \(([^)]+)\)/.exec(output)?.[1];
    return {
      kind: 'timeout',
      label: 'timed out',
      advice: `the check ran longer than its timeout${limit ? ` (${limit})` : ''} — the app may hang, or timeout is too short`,
    };
  }
  const missing = NOT_FOUND.exec(output);
  if (missing || probe.exitCode === 127) {
    const tool = missing?.[1] ?? missing?.[2] ?? missing?.[3] ?? firstTool(probe.test);
    if (tool && /\s/.test(tool.trim())) {
      // `["CMD", "wget -q … || exit 1"]`: the runtime looked for a program named after the whole string
      // (moby daemon/health.go execs CMD's argv without a shell).
      return {
        kind: 'command-not-found',
        label: 'command not found',
        advice: `CMD runs no shell, so "${shorten(tool, 40)}" was taken as one program name — split it into arguments, or use CMD-SHELL`,
      };
    }
    return {
      kind: 'command-not-found',
      label: 'command not found',
      advice: `${tool ? `${baseName(tool)} is` : 'the command is'} not in this image — try Suggest a Healthcheck`,
    };
  }
  const status = HTTP_STATUS.exec(output);
  if (status) {
    const code = status[1] ?? status[2];
    return { kind: 'http-status', label: `HTTP ${code}`, advice: `the app answered HTTP ${code} — it is up but reports an error` };
  }
  if (TOOL_TIMEOUT.test(output)) {
    return {
      kind: 'timeout',
      label: 'timed out',
      advice: "the probe's own request timed out before Docker's timeout — the app is slow to answer or not reachable there",
    };
  }
  if (REFUSED.test(output)) {
    const port = portOf(output) ?? portOf((probe.test ?? []).join(' '));
    return {
      kind: 'connection-refused',
      label: 'connection refused',
      advice: `the app is not listening on ${port ?? 'that port'} yet — start_period may be too short, or it listens elsewhere`,
    };
  }
  if (DNS.test(output)) {
    const host = hostOf(output);
    return {
      kind: 'dns',
      label: 'name not resolved',
      // Compose's DNS answers a service name only while one of its containers runs on a shared network.
      advice: `${host ? `"${host}"` : 'the host name'} does not resolve inside the container — Compose's DNS knows a service only while one of its containers runs on a shared network: is it running?`,
    };
  }
  if (probe.exitCode === 126 || PERMISSION.test(output)) {
    return { kind: 'permission-denied', label: 'permission denied', advice: "the probe's user may not run this — check user: and the file's mode" };
  }
  const advice = output.trim() === '' ? `the check exited with ${probe.exitCode} and printed nothing — what it tests is not true (yet)` : `the check exited with ${probe.exitCode} — see its output`;
  return { kind: 'other', label: `exit ${probe.exitCode}`, advice };
}

function firstTool(test: readonly string[] | undefined): string | undefined {
  if (!test || test.length < 2) return undefined;
  if (test[0] === 'CMD') return test[1];
  if (test[0] === 'CMD-SHELL') return /^\s*(?:exec\s+)?([\w./-]+)/.exec(test[1] ?? '')?.[1];
  return undefined;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The name a resolver failed on: BusyBox `bad address 'db:5432'`, curl `Could not resolve host: db`. */
function hostOf(output: string): string | undefined {
  const m = /bad address '([^':]+)|Could not resolve host: ([^\s:/]+)|unable to resolve host:? ([^\s:/]+)/i.exec(output);
  return m?.[1] ?? m?.[2] ?? m?.[3];
}

/** The port of the first URL or `host:port` / `port N` in the text. */
function portOf(text: string): string | undefined {
  const m = /\/\/[^/\s:]+:(\d{1,5})|\bport (\d{1,5})\b|(?:localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0):(\d{1,5})/.exec(text);
  return m?.[1] ?? m?.[2] ?? m?.[3];
}
