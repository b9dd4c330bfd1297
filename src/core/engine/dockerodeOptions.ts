import { Agent as HttpsAgent } from 'node:https';
import type { DockerOptions } from 'dockerode';
import type { EngineAddress } from './address';
import { hostKeyVerdict, knownHostName, preferredHostKeyAlgorithms } from './knownHosts';

/** ssh2's type for the list (its names are a union of literals; ours come from known_hosts, filtered to those). */
type HostKeyAlgorithms = NonNullable<NonNullable<NonNullable<DockerOptions['sshOptions']>['algorithms']>['serverHostKey']>;

export type DockerodeOptionsResult = { ok: true; options: DockerOptions } | { ok: false; error: string };

/**
 * Turns an address into dockerode options. Every connection field is set explicitly (possibly to
 * undefined) because docker-modem otherwise fills them from DOCKER_HOST / DOCKER_CERT_PATH of the
 * extension host's own environment (docker-modem `lib/modem.js` defaultOpts), which would override
 * the setting or the context we resolved.
 */
export function dockerodeOptions(
  address: EngineAddress,
  env: Readonly<Record<string, string | undefined>>,
  readFile: (file: string) => Buffer,
  /** The user's and the system's known_hosts files, concatenated (an `ssh://` host must be in them). */
  knownHosts = '',
): DockerodeOptionsResult {
  const raw = address.url.includes('://') ? address.url : `tcp://${address.url}`;
  const scheme = raw.slice(0, raw.indexOf('://'));
  const rest = raw.slice(scheme.length + 3);
  const blank: DockerOptions = { socketPath: undefined, host: undefined, port: undefined, protocol: undefined, ca: undefined, cert: undefined, key: undefined };
  switch (scheme) {
    case 'unix':
      if (!rest) return { ok: false, error: `The Docker address ${address.url} has no socket path (e.g. unix:///var/run/docker.sock).` };
      return { ok: true, options: { ...blank, socketPath: rest } };
    case 'npipe':
      // npipe:////./pipe/docker_engine names the pipe //./pipe/docker_engine.
      if (!rest) return { ok: false, error: `The Docker address ${address.url} has no pipe name (e.g. npipe:////./pipe/docker_engine).` };
      return { ok: true, options: { ...blank, socketPath: rest } };
    case 'tcp':
    case 'ssh': {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        return { ok: false, error: `The Docker address ${address.url} is not a valid URL (e.g. tcp://host:2376 or ssh://user@host).` };
      }
      if (!url.hostname) return { ok: false, error: `The Docker address ${address.url} has no host name.` };
      if (scheme === 'ssh') {
        // docker-modem runs `docker system dial-stdio` over ssh2 on the remote host, signing in with the
        // keys of the ssh-agent only (docker-modem `lib/modem.js` passes SSH_AUTH_SOCK, no key files).
        // Without an agent ssh2 can only try the "none" method, which sshd refuses with the same "All
        // configured authentication methods failed" as a wrong key: say what is missing instead.
        if (!env.SSH_AUTH_SOCK) {
          return {
            ok: false,
            error:
              `Cannot sign in to ${address.url}: no ssh-agent (SSH_AUTH_SOCK is not set). Compose Health signs in with the keys of your ssh-agent: ` +
              'start one, add your key with `ssh-add`, and start VS Code from that environment.',
          };
        }
        const port = Number(url.port || 22);
        // ssh2 would accept any host key; the Docker CLI's ssh refuses an unknown or changed one (knownHosts.ts).
        const name = knownHostName(url.hostname.replace(/^\[|\]$/g, ''), port);
        const serverHostKey = preferredHostKeyAlgorithms(knownHosts, name);
        return {
          ok: true,
          options: {
            ...blank,
            protocol: 'ssh',
            host: url.hostname,
            port: url.port || 22,
            username: decodeURIComponent(url.username) || undefined,
            sshOptions: {
              agent: env.SSH_AUTH_SOCK,
              hostVerifier: (key: Buffer) => hostKeyVerdict(knownHosts, name, key) === 'trusted',
              ...(serverHostKey ? { algorithms: { serverHostKey: serverHostKey as HostKeyAlgorithms } } : {}),
            },
          },
        };
      }
      if (!address.tls) {
        // docker/cli `opts/hosts.go`: tcp without TLS defaults to port 2375.
        return { ok: true, options: { ...blank, protocol: 'http', host: url.hostname, port: url.port || 2375 } };
      }
      try {
        const ca = address.tls.caFile ? readFile(address.tls.caFile) : undefined;
        const cert = address.tls.certFile ? readFile(address.tls.certFile) : undefined;
        const key = address.tls.keyFile ? readFile(address.tls.keyFile) : undefined;
        const options: DockerOptions = { ...blank, protocol: 'https', host: url.hostname, port: url.port || 2376, ca, cert, key };
        // docker-modem has no "skip verify" switch; its requests use the agent we give it.
        if (!address.tls.verify) (options as { agent?: HttpsAgent }).agent = new HttpsAgent({ rejectUnauthorized: false, ca, cert, key });
        return { ok: true, options };
      } catch (error) {
        return { ok: false, error: `Cannot read the TLS certificates for ${address.url}: ${(error as Error).message}. Check DOCKER_CERT_PATH or the context's TLS files.` };
      }
    }
    default:
      return { ok: false, error: `Unsupported Docker address ${address.url}: use unix://, tcp://, npipe:// or ssh://.` };
  }
}
