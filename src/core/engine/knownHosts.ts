import { createHmac } from 'node:crypto';

/**
 * The ssh host-key check docker/cli gets from OpenSSH: for an `ssh://` address the Docker CLI runs the
 * `ssh` binary (docker/cli `cli/connhelper/ssh`), which refuses a host whose key is not in known_hosts
 * when there is no terminal to ask (StrictHostKeyChecking "ask"), and any host whose key changed.
 * ssh2, which docker-modem uses instead, accepts every host key unless given a verifier (ssh2
 * `lib/protocol/kex.js`: "Host accepted by default (no verification)"), so we verify against the same
 * files, in the format of sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT".
 */
export type HostKeyVerdict = 'trusted' | 'unknown' | 'changed' | 'revoked';

interface KnownHostLine {
  marker?: 'cert-authority' | 'revoked';
  hosts: string;
  keyType: string;
  key: string;
}

/** The user's and the system's files, in the order OpenSSH reads them (ssh_config(5) UserKnownHostsFile, GlobalKnownHostsFile). */
export function knownHostsFiles(homeDir: string): string[] {
  return [`${homeDir}/.ssh/known_hosts`, `${homeDir}/.ssh/known_hosts2`, '/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];
}

/** How OpenSSH names a host in known_hosts: `host` on port 22, else `[host]:port` (sshd(8)). */
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function parse(text: string): KnownHostLine[] {
  const lines: KnownHostLine[] = [];
  for (const raw of text.split('\n')) {
    const fields = raw.trim().split(/\s+/);
    if (!fields[0] || fields[0].startsWith('#')) continue;
    let marker: KnownHostLine['marker'];
    if (fields[0] === '@cert-authority' || fields[0] === '@revoked') marker = fields.shift()!.slice(1) as KnownHostLine['marker'];
    const [hosts, keyType, key] = fields;
    if (hosts && keyType && key) lines.push({ marker, hosts, keyType, key });
  }
  return lines;
}

/** One pattern of a host list: `*` and `?` wildcards (ssh_config(5) PATTERNS). */
function globMatches(pattern: string, name: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(name);
}

/** Whether a host list names `name`: a hashed entry (`|1|salt|hmac-sha1`), or patterns where a negated match (`!pattern`) wins. */
function hostsMatch(hosts: string, name: string): boolean {
  if (hosts.startsWith('|1|')) {
    const [, , salt, hash] = hosts.split('|');
    if (!salt || !hash) return false;
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
  }
  let matched = false;
  for (const pattern of hosts.split(',')) {
    if (pattern.startsWith('!')) {
      if (globMatches(pattern.slice(1), name)) return false;
    } else if (globMatches(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

/**
 * What known_hosts says about `key` (the raw public key blob the server presented) for `name`
 * (`knownHostName`): a revoked key is refused, a listed key is trusted, a host listed with other keys
 * has changed its key, and a host not listed is unknown. `@cert-authority` lines are not used (ssh2
 * does not verify host certificates): such a host counts as unknown.
 */
export function hostKeyVerdict(knownHostsText: string, name: string, key: Buffer): HostKeyVerdict {
  const presented = key.toString('base64');
  const lines = parse(knownHostsText);
  if (lines.some((l) => l.marker === 'revoked' && l.key === presented)) return 'revoked';
  const forHost = lines.filter((l) => l.marker === undefined && hostsMatch(l.hosts, name));
  if (forHost.some((l) => l.key === presented)) return 'trusted';
  return forHost.length ? 'changed' : 'unknown';
}

/**
 * ssh2's host-key algorithms (ssh2 `lib/protocol/constants.js` DEFAULT_SERVER_HOST_KEY), reordered so the
 * types known_hosts has for this host come first, as OpenSSH does (sshconnect2.c order_hostkeyalgs):
 * otherwise a host listed only with its RSA key would present its ed25519 key and look changed.
 * Undefined when known_hosts has no key for it (ssh2's own order then).
 */
export function preferredHostKeyAlgorithms(knownHostsText: string, name: string): string[] | undefined {
  const all = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
  // An RSA key (`ssh-rsa` in known_hosts) is offered under the rsa-sha2 signature names too (RFC 8332).
  const algorithmsOf = (keyType: string) => (keyType === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [keyType]);
  const known = parse(knownHostsText)
    .filter((l) => l.marker === undefined && hostsMatch(l.hosts, name))
    .flatMap((l) => algorithmsOf(l.keyType))
    .filter((algorithm) => all.includes(algorithm));
  if (!known.length) return undefined;
  const first = [...new Set(known)];
  return [...first, ...all.filter((a) => !first.includes(a))];
}
