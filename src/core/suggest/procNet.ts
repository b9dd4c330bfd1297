/** A listening TCP socket of the container, from its own `/proc/net/tcp` or `/proc/net/tcp6`. */
export interface Listener {
  port: number;
  /** Where it is bound, written the usual way: `0.0.0.0`, `127.0.0.1`, `::`, `::1`, `::ffff:127.0.0.1`, `172.18.0.2`. */
  address: string;
  family: 4 | 6;
}

/** `st` of a socket in LISTEN state (include/net/tcp_states.h: TCP_LISTEN = 10). */
const TCP_LISTEN = '0A';

/**
 * Parses the kernel's `/proc/net/tcp` (family 4) or `/proc/net/tcp6` (family 6) table and keeps the
 * listening sockets (net/ipv4/tcp_ipv4.c get_tcp4_sock, net/ipv6/tcp_ipv6.c get_tcp6_sock). Addresses
 * are printed as 32-bit words in the kernel's byte order (little-endian on x86 and arm64, where
 * 127.0.0.1 reads `0100007F`); ports in hex, big-endian. Lines that do not parse are skipped, so a
 * truncated read still gives every complete line before the cut.
 */
export function parseProcNetTcp(text: string, family: 4 | 6): Listener[] {
  const listeners: Listener[] = [];
  const seen = new Set<string>();
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    // sl local_address rem_address st ...
    if (fields.length < 4 || !/^\d+:$/.test(fields[0]) || fields[3] !== TCP_LISTEN) continue;
    const match = /^([0-9A-Fa-f]+):([0-9A-Fa-f]{4})$/.exec(fields[1]);
    if (!match) continue;
    const address = family === 4 ? ipv4(match[1]) : ipv6(match[1]);
    if (address === undefined) continue;
    const port = parseInt(match[2], 16);
    const key = `${address} ${port}`;
    if (port === 0 || seen.has(key)) continue;
    seen.add(key);
    listeners.push({ port, address, family });
  }
  return listeners;
}

function wordBytes(hex: string): number[] {
  // One 32-bit word as the kernel printed it (%08X of a little-endian u32): its bytes, lowest first.
  const value = parseInt(hex, 16);
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

function ipv4(hex: string): string | undefined {
  if (hex.length !== 8) return undefined;
  return wordBytes(hex).join('.');
}

function ipv6(hex: string): string | undefined {
  if (hex.length !== 32) return undefined;
  const bytes = [0, 8, 16, 24].flatMap((i) => wordBytes(hex.slice(i, i + 8)));
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return `::ffff:${bytes.slice(12).join('.')}`;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  return compressIpv6(groups);
}

/** RFC 5952: the longest run of two or more zero groups becomes `::`. */
function compressIpv6(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > bestLength && j - i >= 2) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/**
 * Where a probe inside the container reaches a port, in the order to try: the loopback address of
 * the family it listens on. An IPv4 listener (any address or 127.x) is reached at 127.0.0.1, never at
 * `localhost`, which BusyBox wget resolves to ::1 first. `::` usually accepts IPv4 too (unless
 * `IPV6_V6ONLY`), so 127.0.0.1 is tried before ::1. A socket bound to one non-loopback address (the
 * container's own IP) cannot be named in a healthcheck that must survive a recreate, which may change
 * that address: it gives no host.
 */
export function loopbackHosts(listeners: readonly Listener[], port: number): string[] {
  const hosts = new Set<string>();
  for (const l of listeners.filter((x) => x.port === port)) {
    if (l.family === 4 && (l.address === '0.0.0.0' || l.address.startsWith('127.'))) hosts.add('127.0.0.1');
    else if (l.address === '::' || l.address === '::ffff:0.0.0.0') {
      hosts.add('127.0.0.1');
      hosts.add('::1');
    } else if (l.address === '::1') hosts.add('::1');
    else if (l.address.startsWith('::ffff:127.')) hosts.add('127.0.0.1');
  }
  // 127.0.0.1 first whenever it is a choice: it works with every tool.
  return [...hosts].sort((a, b) => (a === '127.0.0.1' ? -1 : b === '127.0.0.1' ? 1 : 0));
}

/** A host as it goes into a URL: an IPv6 address in brackets. */
export function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
