/** A connection failure as the tree shows it: what failed and where, then what to do. */
export interface EngineProblem {
  /** e.g. `Cannot reach Docker at unix:///var/run/docker.sock: connect ENOENT` */
  message: string;
  /** What the user can do about it. */
  hint: string;
}

interface NodeError {
  code?: string;
  /** ssh2's stage of a failure: `handshake`, `client-authentication`, `client-socket`, … */
  level?: string;
  syscall?: string;
  statusCode?: number;
  json?: { message?: string };
  message?: string;
}

const START_HINT = 'Start Docker (or Podman), or point the setting composeHealth.docker.host at your engine. The view reconnects by itself.';

export function describeEngineError(error: unknown, url: string): EngineProblem {
  const e = (error ?? {}) as NodeError;
  const remote = describeRemoteError(e, url);
  if (remote) return remote;
  if (e.code === 'EACCES' || e.code === 'EPERM') {
    return {
      message: `Cannot reach Docker at ${url}: permission denied — is your user in the docker group?`,
      hint: 'Add your user to the docker group (`sudo usermod -aG docker $USER`, then log in again), or use a rootless engine.',
    };
  }
  if (e.code) {
    const what = e.syscall ? `${e.syscall} ${e.code}` : e.code;
    return { message: `Cannot reach Docker at ${url}: ${what}`, hint: START_HINT };
  }
  if (typeof e.statusCode === 'number') {
    const detail = e.json?.message ?? e.message ?? '';
    return {
      message: `Docker at ${url} answered ${e.statusCode}${detail ? `: ${detail.trim()}` : ''}`,
      hint: 'Check that the address points at a Docker Engine API (or a Podman socket).',
    };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { message: `Lost Docker at ${url}: ${text}`, hint: START_HINT };
}

/**
 * Node's TLS codes (OpenSSL `X509_V_ERR_*` names) for an engine certificate that the CA file does not
 * vouch for: the address's ca.pem is not the CA that signed dockerd's `--tlscert`.
 */
const UNTRUSTED_ENGINE_CERTIFICATE = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

const TLS_FILES = "the TLS files (DOCKER_CERT_PATH's ca.pem, cert.pem and key.pem, or the Docker context's)";

/**
 * The failures that only a remote engine has, over TLS (node:tls, the alerts Go's crypto/tls sends) or
 * ssh (ssh2, which docker-modem drives): each says which file or key to fix. Undefined for the others.
 */
function describeRemoteError(e: NodeError, url: string): EngineProblem | undefined {
  const text = e.message ?? '';
  if (e.code && UNTRUSTED_ENGINE_CERTIFICATE.has(e.code)) {
    return {
      message: `The TLS certificate of the Docker engine at ${url} is not signed by the CA in ca.pem (${e.code})`,
      hint: `Use as ca.pem the CA certificate that signed the engine's certificate (dockerd --tlscacert) in ${TLS_FILES}.`,
    };
  }
  if (e.code === 'CERT_HAS_EXPIRED' || e.code === 'CERT_NOT_YET_VALID') {
    return {
      message: `The TLS certificate of the Docker engine at ${url} is ${e.code === 'CERT_HAS_EXPIRED' ? 'expired' : 'not valid yet'}`,
      hint: "Renew the engine's certificate (dockerd --tlscert), or check this machine's clock.",
    };
  }
  if (e.code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return {
      message: `The TLS certificate of the Docker engine at ${url} is not issued for that host name or IP (${text.trim()})`,
      hint: "Connect with a name the certificate lists (its subjectAltName), or reissue the engine's certificate for this address.",
    };
  }
  // Go's crypto/tls answers a client certificate it cannot verify with a "bad certificate" alert; a
  // missing one too up to Go 1.20 (Engine 20.10), with "certificate required" (TLS 1.3) from Go 1.21 on.
  // OpenSSL names them ERR_SSL_<version>_ALERT_<alert>.
  if (e.code && /^ERR_SSL_.*ALERT_(BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_REQUIRED|CERTIFICATE_UNKNOWN|CERTIFICATE_EXPIRED|UNSUPPORTED_CERTIFICATE)$/.test(e.code)) {
    return {
      message: `The Docker engine at ${url} refused the TLS connection: it wants a client certificate signed by a CA it trusts (${e.code})`,
      hint: `Give cert.pem and key.pem of a client certificate signed by the CA the engine trusts (dockerd --tlscacert) in ${TLS_FILES}.`,
    };
  }
  // OpenSSL's "wrong version number": the first bytes back were not a TLS record, e.g. a plain-HTTP port (2375).
  if (/wrong version number|packet length too long/i.test(text)) {
    return {
      message: `The Docker engine at ${url} does not speak TLS on that port (${e.code ?? 'TLS handshake failed'})`,
      hint: "Use the engine's TLS port (dockerd --tlsverify listens on 2376 by convention), or for a plain port unset DOCKER_TLS_VERIFY.",
    };
  }
  // Go's net/http answers plain HTTP on a TLS port with this 400 (net/http `server.go`).
  if (e.statusCode === 400 && /HTTP request to an HTTPS server/i.test(`${e.json?.message ?? ''} ${text}`)) {
    return {
      message: `The Docker engine at ${url} expects TLS, and the connection was plain HTTP`,
      hint: 'Set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to the folder of ca.pem, cert.pem and key.pem (or use a Docker context with TLS files).',
    };
  }
  if (!url.startsWith('ssh://')) return undefined;
  const login = sshLogin(url);
  // ssh2 `lib/protocol/kex.js`: our host-key verifier (knownHosts.ts) said no.
  if (e.level === 'handshake' && /Host denied/i.test(text)) {
    return {
      message: `The ssh host key of ${url} is not in ~/.ssh/known_hosts, or differs from the one there`,
      hint: `Run \`${login}\` once in a terminal: ssh shows a new host's key to accept, or warns that a known host's key changed. The view connects once known_hosts has the right key.`,
    };
  }
  // ssh2 `lib/client.js`: sshd accepted none of the keys the agent offered.
  if (e.level === 'client-authentication') {
    return {
      message: `The ssh login to ${url} was refused: sshd accepts none of the keys of your ssh-agent (${text.trim()})`,
      hint: `Add the right key to the agent (\`ssh-add\`), or its public key to the remote user's ~/.ssh/authorized_keys; \`${login} docker version\` must work without a password.`,
    };
  }
  // docker-modem `lib/ssh.js`: the login worked and `docker system dial-stdio` ran on the host, but its
  // stream closed before an HTTP answer (Node: "socket hang up"); dial-stdio exits so when it cannot reach
  // the engine there or `docker` is not on the login's PATH. Its stderr is not passed on by docker-modem.
  if (e.code === 'ECONNRESET') {
    return {
      message: `The Docker engine behind ${url} did not answer: the ssh login worked, but \`docker system dial-stdio\` there closed the connection (ECONNRESET)`,
      hint: `Check that Docker runs on that host and that \`docker\` is on the ssh login's PATH: \`${login} docker version\` must answer.`,
    };
  }
  return undefined;
}

/** The ssh command line for an `ssh://user@host:port` address, to try the login in a terminal. */
function sshLogin(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `ssh ${parsed.port && parsed.port !== '22' ? `-p ${parsed.port} ` : ''}${user}${parsed.hostname}`;
  } catch {
    return 'ssh';
  }
}

/**
 * The one wording for a command (Run probe, the lenses, Suggest) that could not talk to the engine: what
 * the request said, then what to do in the editor. The Services view says it with `describeEngineError`;
 * the command line names DOCKER_HOST instead of the setting.
 */
export function engineUnreachableMessage(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `Docker is not reachable (${detail.trim()}). Start Docker, or set composeHealth.docker.host, then try again.`;
}

/** The engine answered 404: the container (or exec, or image) no longer exists. */
export class EngineNotFoundError extends Error {
  override readonly name = 'EngineNotFoundError';
}

/** The engine refused because the container is not running or is paused (HTTP 409). */
export class EngineConflictError extends Error {
  override readonly name = 'EngineConflictError';
}

/** An exec was aborted; `execId` is set once the engine had created it (its process may be running). */
export class ExecAbortedError extends Error {
  override readonly name = 'AbortError';
  constructor(readonly execId: string | undefined) {
    super('The probe was stopped before the command finished.');
  }
}

/** Turns the engine's 404 and 409 answers into the errors above, with the engine's own message. */
export async function mapEngineErrors<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    const status = (error as NodeError).statusCode;
    const message = (error as NodeError).json?.message ?? (error instanceof Error ? error.message : String(error));
    if (status === 404) throw new EngineNotFoundError(message);
    if (status === 409) throw new EngineConflictError(message);
    throw error;
  }
}
