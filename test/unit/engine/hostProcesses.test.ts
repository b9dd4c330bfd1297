import * as assert from 'node:assert/strict';
import { engineProcessesVisible, identifyExecProcess, parseNsPids, parseProcStat } from '../../../src/core/engine/hostProcesses';

// A /proc/<pid>/stat line whose command name holds ") " and spaces: fields after it still parse.
const STAT = (ppid: number, start: string) => `4242 (we ird) name) S ${ppid} 4242 4242 0 -1 4194560 100 0 0 0 0 0 0 0 20 0 1 0 ${start} 1617920 200 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n`;
const STATUS = (nspid: string) => `Name:\tsleep\nState:\tS (sleeping)\nPid:\t4242\nPPid:\t4100\nNSpid:\t${nspid}\n`;
const CGROUP = '0::/docker/8bba12f1d94f\n';

function proc(files: Record<string, string>): (file: string) => string | undefined {
  return (file) => files[file];
}

describe('host processes of a local engine', () => {
  it('parses the parent PID and start time of /proc/<pid>/stat, even with ") " in the command name', () => {
    assert.deepEqual(parseProcStat(STAT(4100, '987654')), { ppid: 4100, startTicks: '987654' });
    assert.equal(parseProcStat('garbage'), undefined);
  });

  it('parses NSpid, outermost namespace first', () => {
    assert.deepEqual(parseNsPids(STATUS('27168\t7')), [27168, 7]);
    assert.equal(parseNsPids('Name:\tsleep\n'), undefined);
  });

  it('only a unix socket or a loopback port on Linux may share this machine\'s process table', () => {
    const at = (url: string, platform: NodeJS.Platform = 'linux') => engineProcessesVisible({ url, source: { kind: 'env' } }, platform);
    assert.deepEqual(at('unix:///var/run/docker.sock'), { ok: true });
    assert.deepEqual(at('tcp://127.0.0.1:2375'), { ok: true });
    const remote = at('ssh://me@build');
    assert.equal(remote.ok, false);
    assert.match(remote.ok ? '' : remote.reason, /the engine at ssh:\/\/me@build runs on another machine/);
    const mac = at('unix:///Users/me/.docker/run/docker.sock', 'darwin');
    assert.match(mac.ok ? '' : mac.reason, /on darwin the engine runs in a virtual machine/);
  });

  it("maps the exec's host PID to its PID in the container when it shares the main process's cgroups and namespace level", () => {
    const read = proc({
      '/proc/4242/status': STATUS('4242\t7'),
      '/proc/4242/stat': STAT(4100, '555'),
      '/proc/4242/cgroup': CGROUP,
      '/proc/4000/status': STATUS('4000\t1'),
      '/proc/4000/cgroup': CGROUP,
    });
    assert.deepEqual(identifyExecProcess(4242, 4000, read), { ok: true, process: { pid: 7, startTicks: '555' } });
  });

  it('refuses a PID that belongs to another container or to the host (an engine in a VM reports PIDs of its own kernel)', () => {
    const base = {
      '/proc/4242/stat': STAT(1, '555'),
      '/proc/4000/status': STATUS('4000\t1'),
      '/proc/4000/cgroup': CGROUP,
    };
    const hostProcess = identifyExecProcess(4242, 4000, proc({ ...base, '/proc/4242/status': STATUS('4242'), '/proc/4242/cgroup': CGROUP }));
    const otherContainer = identifyExecProcess(4242, 4000, proc({ ...base, '/proc/4242/status': STATUS('4242\t7'), '/proc/4242/cgroup': '0::/docker/ffff\n' }));
    const missing = identifyExecProcess(4242, 4000, proc(base));
    for (const answer of [hostProcess, otherContainer, missing]) {
      assert.equal(answer.ok, false);
      assert.match(answer.ok ? '' : answer.reason, /process IDs are not visible from this machine/);
    }
  });
});
