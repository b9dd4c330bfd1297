import * as assert from 'node:assert/strict';
import { describeEngineError } from '../../../src/core/engine/errors';
import { JsonLineSplitter, composeLabels, healthFromStatus, parseContainerDetails, parseContainerSummary, parseEngineEvent, parseInspect } from '../../../src/core/engine/parse';

describe('engine message parsing', () => {
  it("reads health from the list's status text, as moby writes it", () => {
    assert.equal(healthFromStatus('Up 3 minutes (healthy)'), 'healthy');
    assert.equal(healthFromStatus('Up 1 second (health: starting)'), 'starting');
    assert.equal(healthFromStatus('Up 2 hours (unhealthy)'), 'unhealthy');
    assert.equal(healthFromStatus('Up 2 hours (Paused)'), 'none');
    assert.equal(healthFromStatus('Exited (137) 5 seconds ago'), 'none');
  });

  it("reads Compose's labels, splitting config_files on commas", () => {
    assert.deepEqual(
      composeLabels({
        'com.docker.compose.project': 'shop',
        'com.docker.compose.service': 'db',
        'com.docker.compose.project.working_dir': '/w/shop',
        'com.docker.compose.project.config_files': '/w/shop/compose.yaml,/w/shop/compose.override.yaml',
        'com.docker.compose.container-number': '2',
      }),
      { project: 'shop', service: 'db', workingDir: '/w/shop', configFiles: ['/w/shop/compose.yaml', '/w/shop/compose.override.yaml'], containerNumber: 2 },
    );
    assert.equal(composeLabels({ 'com.docker.compose.project': 'shop' }), undefined);
  });

  it('parses a list entry, preferring the Health field of newer engines', () => {
    const labels = { 'com.docker.compose.project': 'p', 'com.docker.compose.service': 's' };
    const old = parseContainerSummary({ Id: 'abc', Names: ['/p-s-1'], Labels: labels, State: 'running', Status: 'Up 2 seconds (health: starting)' });
    assert.equal(old?.name, 'p-s-1');
    assert.equal(old?.health, 'starting');
    const recent = parseContainerSummary({ Id: 'abc', Labels: labels, State: 'running', Status: 'Up 2 seconds', Health: { Status: 'healthy' } });
    assert.equal(recent?.health, 'healthy');
    const exited = parseContainerSummary({ Id: 'abc', Labels: labels, State: 'exited', Status: 'Exited (137) 5 seconds ago' });
    assert.equal(exited?.exitCode, 137);
  });

  it('parses an inspect into health log, failing streak and the healthcheck', () => {
    const d = parseContainerDetails({
      Id: 'abc',
      Name: '/p-s-1',
      Config: { Image: 'img', Labels: { 'com.docker.compose.project': 'p', 'com.docker.compose.service': 's' }, Healthcheck: { Test: ['CMD-SHELL', 'true'], Interval: 2e9, Retries: 3 } },
      State: { Status: 'running', ExitCode: 0, Health: { Status: 'unhealthy', FailingStreak: 4, Log: [{ Start: 'a', End: 'b', ExitCode: 1, Output: 'no\n' }] } },
    });
    assert.equal(d?.health, 'unhealthy');
    assert.equal(d?.failingStreak, 4);
    assert.deepEqual(d?.probeLog, [{ start: 'a', end: 'b', exitCode: 1, output: 'no\n' }]);
    assert.deepEqual(d?.healthcheck, { test: ['CMD-SHELL', 'true'], intervalNs: 2e9, retries: 3 });
  });

  it('a container being removed or dead is not running for the probe, though State.Running is still true', () => {
    const running = (State: { Status: string; Running: boolean; Dead?: boolean }) => parseInspect({ Id: 'abc', State }).running;
    assert.equal(running({ Status: 'running', Running: true }), true);
    assert.equal(running({ Status: 'removing', Running: true }), false);
    assert.equal(running({ Status: 'dead', Running: true, Dead: true }), false);
  });

  it('one inspect gives the probe what it runs with and the tree its details', () => {
    const raw = {
      Id: 'abc',
      Name: '/p-s-1',
      Image: 'sha256:1',
      Config: { Image: 'img', User: 'app', WorkingDir: '/srv', Shell: ['/bin/ash', '-c'], Labels: { 'com.docker.compose.project': 'p', 'com.docker.compose.service': 's' }, Healthcheck: { Test: ['CMD', 'true'], Timeout: 1e9 } },
      State: { Status: 'paused', Running: true, Paused: true, Health: { Status: 'healthy', FailingStreak: 0, Log: [] } },
    };
    const c = parseInspect(raw);
    assert.deepEqual(
      { imageId: c.imageId, user: c.user, workingDir: c.workingDir, shell: c.shell, paused: c.paused, healthcheck: c.healthcheck, health: c.health },
      { imageId: 'sha256:1', user: 'app', workingDir: '/srv', shell: ['/bin/ash', '-c'], paused: true, healthcheck: { test: ['CMD', 'true'], timeoutNs: 1e9 }, health: { status: 'healthy', failingStreak: 0, log: [] } },
    );
    assert.deepEqual(parseContainerDetails(raw)?.healthcheck, c.healthcheck);
    assert.equal(parseContainerDetails({ ...raw, Config: { ...raw.Config, Labels: {} } }), undefined);
  });

  it('parses health_status and die events and drops exec events', () => {
    const attrs = { 'com.docker.compose.project': 'p', 'com.docker.compose.service': 's', name: 'p-s-1', image: 'img' };
    const health = parseEngineEvent({ Type: 'container', Action: 'health_status: unhealthy', Actor: { ID: 'abc', Attributes: attrs }, timeNano: 5 });
    assert.deepEqual(health, { action: 'health_status', containerId: 'abc', timeNano: 5, name: 'p-s-1', image: 'img', compose: { project: 'p', service: 's' }, health: 'unhealthy' });
    const die = parseEngineEvent({ Type: 'container', Action: 'die', Actor: { ID: 'abc', Attributes: { ...attrs, exitCode: '137' } }, timeNano: 6 });
    assert.equal(die?.exitCode, 137);
    // moby daemon/monitor.go logs `oom` before the die of a container the kernel's OOM killer hit.
    assert.equal(parseEngineEvent({ Type: 'container', Action: 'oom', Actor: { ID: 'abc', Attributes: attrs }, timeNano: 7 })?.action, 'oom');
    assert.equal(parseEngineEvent({ Type: 'container', Action: 'exec_die', Actor: { ID: 'abc', Attributes: attrs } }), undefined);
    assert.equal(parseEngineEvent({ Type: 'network', Action: 'connect', Actor: { ID: 'n' } }), undefined);
  });

  it('splits the event stream into messages even when a chunk ends mid-line', () => {
    const splitter = new JsonLineSplitter();
    assert.deepEqual(splitter.push('{"a":1}\n{"b"'), [{ a: 1 }]);
    assert.deepEqual(splitter.push(':2}\n\n'), [{ b: 2 }]);
    assert.deepEqual(splitter.push('garbage\n{"c":3}\n'), [{ c: 3 }]);
  });
});

describe('engine connection problems as the tree shows them', () => {
  it('says what failed and where for a missing socket', () => {
    const p = describeEngineError(Object.assign(new Error('x'), { code: 'ENOENT', syscall: 'connect' }), 'unix:///var/run/docker.sock');
    assert.equal(p.message, 'Cannot reach Docker at unix:///var/run/docker.sock: connect ENOENT');
    assert.match(p.hint, /Start Docker/);
  });

  it('asks about the docker group on permission denied', () => {
    const p = describeEngineError(Object.assign(new Error('x'), { code: 'EACCES', syscall: 'connect' }), 'unix:///var/run/docker.sock');
    assert.equal(p.message, 'Cannot reach Docker at unix:///var/run/docker.sock: permission denied — is your user in the docker group?');
  });

  it("quotes the engine's own message for an HTTP error", () => {
    const p = describeEngineError({ statusCode: 500, json: { message: 'boom ' } }, 'tcp://h:2375');
    assert.equal(p.message, 'Docker at tcp://h:2375 answered 500: boom');
  });

  // The real faults (wrong CA, refused client certificate, TLS to a plain port, host key, refused login) are
  // produced by real engines in test/engine/remote; these are the ones the engine tier cannot stage.
  it('names an expired engine certificate and one issued for another host', () => {
    const expired = describeEngineError(Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }), 'tcp://h:2376');
    assert.equal(expired.message, 'The TLS certificate of the Docker engine at tcp://h:2376 is expired');
    assert.match(expired.hint, /Renew the engine's certificate/);
    const altname = describeEngineError(
      Object.assign(new Error("Hostname/IP does not match certificate's altnames: Host: h. is not cert's CN: other"), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }),
      'tcp://h:2376',
    );
    assert.match(altname.message, /^The TLS certificate of the Docker engine at tcp:\/\/h:2376 is not issued for that host name or IP \(Hostname\/IP does not match/);
  });

  it('reads ssh2 failures as ssh faults only for an ssh:// address, with the ssh command to try', () => {
    const denied = Object.assign(new Error('Host denied (verification failed)'), { level: 'handshake' });
    assert.match(describeEngineError(denied, 'ssh://deploy@build.example').hint, /^Run `ssh deploy@build\.example` once in a terminal/);
    assert.equal(describeEngineError(denied, 'tcp://h:2376').message, 'Lost Docker at tcp://h:2376: Host denied (verification failed)');
    const hangUp = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    assert.match(describeEngineError(hangUp, 'ssh://deploy@build.example:2222').hint, /`ssh -p 2222 deploy@build\.example docker version` must answer/);
    assert.equal(describeEngineError(hangUp, 'tcp://h:2375').message, 'Cannot reach Docker at tcp://h:2375: ECONNRESET');
  });
});
