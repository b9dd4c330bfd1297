import * as assert from 'node:assert/strict';
import { loopbackHosts, parseProcNetTcp } from '../../../src/core/suggest/procNet';

// Lines as Linux prints them (net/ipv4/tcp_ipv4.c, net/ipv6/tcp_ipv6.c), little-endian words (x86).
const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4824514 1 0000000000000000 100 0 0 10 0
   1: 0B00007F:9C8B 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4824515 1 0000000000000000 100 0 0 10 0
   2: 00000000:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4824516 1 0000000000000000 100 0 0 10 0
   3: 0100007F:1F90 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 4824517 1 0000000000000000 20 4 30 10 -1
   4: 0200A8C0:1538 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4824518 1 0000000000000000 100 0 0 10 0
`;
const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4824514 1 00000000fe357190 100 0 0 10 0
   1: 00000000000000000000000001000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0
   2: 0000000000000000FFFF00000100007F:0051 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0
`;

describe('suggest: listening ports from /proc/net/tcp and tcp6', () => {
  it('keeps LISTEN sockets (state 0A) and reads little-endian IPv4 words: 127.0.0.1, 0.0.0.0, a specific address', () => {
    assert.deepEqual(parseProcNetTcp(TCP, 4), [
      { port: 8080, address: '127.0.0.1', family: 4 },
      { port: 40075, address: '127.0.0.11', family: 4 },
      { port: 3000, address: '0.0.0.0', family: 4 },
      { port: 5432, address: '192.168.0.2', family: 4 },
    ]);
  });

  it('reads IPv6 addresses: :: (any), ::1 and an IPv4-mapped loopback', () => {
    assert.deepEqual(parseProcNetTcp(TCP6, 6), [
      { port: 8080, address: '::', family: 6 },
      { port: 80, address: '::1', family: 6 },
      { port: 81, address: '::ffff:127.0.0.1', family: 6 },
    ]);
  });

  it('a table cut mid-line (a read bounded in bytes) keeps every complete line before the cut', () => {
    const cut = TCP.slice(0, TCP.indexOf('0B00007F') + 5);
    assert.deepEqual(parseProcNetTcp(cut, 4), [{ port: 8080, address: '127.0.0.1', family: 4 }]);
    assert.deepEqual(parseProcNetTcp('garbage\n\n  9: zz:zz 0 0A', 4), []);
  });

  it('the host a probe uses: 127.0.0.1 for IPv4 listeners, both loopbacks for ::, ::1 only for ::1, none for one non-loopback address', () => {
    const all = [...parseProcNetTcp(TCP, 4), ...parseProcNetTcp(TCP6, 6)];
    assert.deepEqual(loopbackHosts(parseProcNetTcp(TCP, 4), 8080), ['127.0.0.1']);
    assert.deepEqual(loopbackHosts(parseProcNetTcp(TCP6, 6), 8080), ['127.0.0.1', '::1']);
    assert.deepEqual(loopbackHosts(all, 80), ['::1']);
    assert.deepEqual(loopbackHosts(all, 81), ['127.0.0.1']);
    assert.deepEqual(loopbackHosts(all, 5432), []);
  });
});
