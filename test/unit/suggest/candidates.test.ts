import * as assert from 'node:assert/strict';
import { buildCandidates, imageRepository } from '../../../src/core/suggest/candidates';
import { hasZeroIo, type Discovery, type Tool, type ToolName } from '../../../src/core/suggest/discover';
import { container } from './fakeSuggestEngine';

function discovery(tools: Array<Partial<Tool> & { name: ToolName }>, extra: Partial<Discovery> = {}, image = 'example/web:1'): Discovery {
  return {
    container: container({ image }),
    tools: new Map(tools.map((t) => [t.name, { argv: [t.name], ...t }])),
    declaredPorts: [],
    steps: [],
    ...extra,
  };
}

const tests = (d: Discovery): string[] => buildCandidates(d).map((c) => c.test.join(' '));

describe('suggest: candidates, strongest first', () => {
  it("a recognised image's own client first, then HTTP GETs of each health path, then a TCP connect", () => {
    const d = discovery([{ name: 'pg_isready' }, { name: 'curl' }, { name: 'nc', zeroIo: true }], {
      listeners: [
        { port: 5432, address: '0.0.0.0', family: 4 },
        { port: 8080, address: '0.0.0.0', family: 4 },
      ],
    }, 'docker.io/library/postgres:16-alpine');
    const all = buildCandidates(d);
    assert.deepEqual(all.map((c) => c.kind), ['service-tool', 'service-tool', ...Array(6).fill('http'), 'tcp', 'tcp']);
    assert.deepEqual(all[0].test, ['CMD', 'pg_isready', '-h', '127.0.0.1', '-p', '5432']);
    assert.deepEqual(all.slice(2, 8).map((c) => c.test.at(-1)), ['/health', '/healthz', '/ready', '/status', '/ping', '/'].map((p) => `http://127.0.0.1:8080${p}`));
    assert.deepEqual(all[2].test, ['CMD', 'curl', '-fsS', 'http://127.0.0.1:8080/health']);
    assert.deepEqual(all.at(-1)!.test, ['CMD', 'nc', '-z', '-w', '3', '127.0.0.1', '8080']);
  });

  it('CMD-SHELL only where a pipe is needed and a shell exists (redis-cli ping | grep PONG); CMD otherwise', () => {
    const withShell = discovery([{ name: 'redis-cli' }, { name: 'grep' }], { shell: ['/bin/sh', '-c'], listeners: [] }, 'redis:7');
    assert.deepEqual(tests(withShell), ['CMD-SHELL redis-cli ping | grep -q PONG', 'CMD redis-cli ping']);
    const noShell = discovery([{ name: 'redis-cli' }, { name: 'grep' }], { listeners: [] }, 'redis:7');
    assert.deepEqual(tests(noShell), ['CMD redis-cli ping']);
  });

  it('an IPv4-only app is reached at 127.0.0.1, never localhost; Docker\'s embedded DNS listener is not the service', () => {
    const d = discovery([{ name: 'wget', flavor: 'busybox' }], {
      listeners: [
        { port: 40119, address: '127.0.0.11', family: 4 },
        { port: 8080, address: '127.0.0.1', family: 4 },
      ],
    });
    assert.deepEqual(tests(d)[0], 'CMD wget -q -O- http://127.0.0.1:8080/health');
    assert.ok(tests(d).every((t) => !t.includes('localhost') && !t.includes('40119')));
  });

  it('an app on :: is tried at 127.0.0.1, then [::1]; on ::1 only at [::1]', () => {
    const any = discovery([{ name: 'curl' }], { listeners: [{ port: 80, address: '::', family: 6 }] });
    assert.deepEqual(tests(any).filter((t) => t.endsWith('/health')), ['CMD curl -fsS http://127.0.0.1:80/health', 'CMD curl -fsS http://[::1]:80/health']);
    const v6 = discovery([{ name: 'curl' }], { listeners: [{ port: 80, address: '::1', family: 6 }] });
    assert.deepEqual(tests(v6)[0], 'CMD curl -fsS http://[::1]:80/health');
  });

  it('when /proc/net could not be read, the declared ports are tried at both loopbacks', () => {
    const d = discovery([{ name: 'nc', flavor: 'busybox', zeroIo: false }], { declaredPorts: [8080] });
    assert.deepEqual(tests(d), ['CMD nc -w 3 127.0.0.1 8080', 'CMD nc -w 3 ::1 8080']);
  });

  it('BusyBox applets with no link on PATH are called through the binary', () => {
    const d = discovery([{ name: 'wget', argv: ['busybox', 'wget'], flavor: 'busybox' }], { listeners: [{ port: 8080, address: '0.0.0.0', family: 4 }] });
    assert.deepEqual(tests(d)[0], 'CMD busybox wget -q -O- http://127.0.0.1:8080/health');
  });

  it('no HTTP GET on the ports of protocols that are not HTTP; nothing at all without a tool', () => {
    const d = discovery([{ name: 'curl' }], { listeners: [{ port: 5432, address: '0.0.0.0', family: 4 }] });
    assert.deepEqual(tests(d), []);
    assert.deepEqual(tests(discovery([], { listeners: [{ port: 8080, address: '0.0.0.0', family: 4 }] })), []);
  });

  it('reads the repository name out of an image reference', () => {
    assert.deepEqual(
      ['postgres', 'postgres:16', 'docker.io/library/redis:7@sha256:ab', 'registry:5000/team/mariadb:11', 'bitnami/postgresql'].map(imageRepository),
      ['postgres', 'postgres', 'redis', 'mariadb', 'postgresql'],
    );
  });
});

describe('suggest: which nc has -z', () => {
  it('OpenBSD nc, ncat and BusyBox\'s bloaty nc list it; Debian\'s BusyBox nc does not', () => {
    const openbsd = 'usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]';
    const ncat = 'Ncat 7.93 ( https://nmap.org/ncat )\nUsage: ncat [options] [hostname] [port]\n  -z                        Zero-I/O mode, report connection status only';
    const bloaty = 'Usage: nc [OPTIONS] HOST PORT  - connect\n\t-z\tZero-I/O mode [used for scanning]';
    const debianBusybox = 'BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: nc [-iN] [-wN] [-l] [-p PORT] [-f FILE|IPADDR PORT] [-e PROG]\n\n\t-l\tListen mode';
    assert.deepEqual([openbsd, ncat, bloaty, debianBusybox].map(hasZeroIo), [true, true, true, false]);
  });
});
