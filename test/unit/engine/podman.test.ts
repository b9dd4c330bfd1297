import * as assert from 'node:assert/strict';
import { EVENTS_FILTER, parseContainerDetails, parseContainerSummary, parseEngineEvent, parseInspect, parseVersion } from '../../../src/core/engine/parse';

// Messages as Podman 4.3.1's Docker-compatible socket sent them here (trimmed to the fields read).
const labels = { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web', 'com.docker.compose.container-number': '1' };
const podmanEvent = (Action: string, extra: Record<string, unknown> = {}, attributes: Record<string, string> = {}) => ({
  status: Action,
  id: 'af05',
  Type: 'container',
  Action,
  Actor: { ID: 'af05', Attributes: { ...labels, containerExitCode: '0', image: 'localhost/compose-health/busybox:test', name: 'shop-web-1', podId: '', ...attributes } },
  time: 1796155098,
  timeNano: 1796155098280088935,
  ...extra,
});

describe('Podman messages', () => {
  it("a health event (bare health_status) carries no health: its HealthStatus is the status from before the probe", () => {
    const parsed = parseEngineEvent(podmanEvent('health_status', { HealthStatus: 'starting' }));
    assert.deepEqual(parsed && { action: parsed.action, health: parsed.health, compose: parsed.compose, name: parsed.name }, {
      action: 'health_status',
      health: undefined,
      compose: { project: 'shop', service: 'web', containerNumber: 1 },
      name: 'shop-web-1',
    });
  });

  it('Docker-style health events still read the status from the action', () => {
    assert.equal(parseEngineEvent({ Type: 'container', Action: 'health_status: healthy', Actor: { ID: 'a', Attributes: labels } })?.health, 'healthy');
  });

  it("maps Podman's remove to destroy, reads die's exit code, and keeps exec_died (a probe ended)", () => {
    assert.equal(parseEngineEvent(podmanEvent('remove'))?.action, 'destroy');
    assert.equal(parseEngineEvent(podmanEvent('die', {}, { containerExitCode: '137', exitCode: '137' }))?.exitCode, 137);
    assert.equal(parseEngineEvent(podmanEvent('exec_died', {}, { containerExitCode: '1' }))?.action, 'exec_died');
    assert.equal(parseEngineEvent(podmanEvent('exec')), undefined);
    assert.equal(parseEngineEvent(podmanEvent('init')), undefined);
    assert.equal(parseEngineEvent({ Type: 'container', Action: 'exec_die', Actor: { ID: 'a', Attributes: labels } }), undefined, "Docker's exec events stay out");
  });

  it('asks for events without a label clause (Podman matches labels only as key=value) and by both engines’ names', () => {
    assert.equal('label' in EVENTS_FILTER, false);
    for (const name of ['die', 'died', 'destroy', 'remove', 'health_status', 'exec_died']) assert.ok(EVENTS_FILTER.event.includes(name as never), name);
    assert.equal(EVENTS_FILTER.event.includes('exec_die' as never), false);
  });

  it('an event of a container Compose did not make is parsed without Compose labels', () => {
    const e = parseEngineEvent({ Type: 'container', Action: 'start', Actor: { ID: 'b', Attributes: { name: 'other' } } });
    assert.equal(e?.compose, undefined);
  });

  it("tells Podman from Docker by /version's first component", () => {
    const podman = parseVersion({ Version: '4.3.1', ApiVersion: '1.41', Os: 'linux', Components: [{ Name: 'Podman Engine' }, { Name: 'Conmon' }] });
    assert.deepEqual(podman, { version: '4.3.1', apiVersion: '1.41', os: 'linux', product: 'Podman Engine', flavor: 'podman' });
    assert.equal(parseVersion({ Version: '20.10.24+dfsg1', ApiVersion: '1.41', Components: [{ Name: 'Engine' }] }).flavor, 'docker');
    assert.equal(parseVersion({ Version: '26.1.5', ApiVersion: '1.45' }).flavor, 'docker');
  });

  it('a list entry says nothing about health; a stopped container counts as exited', () => {
    const running = parseContainerSummary({ Id: 'af05', Names: ['/shop-web-1'], Labels: labels, State: 'running', Status: 'Up 1 second' });
    assert.equal(running?.health, 'none');
    const stopped = parseContainerSummary({ Id: 'af05', Names: ['/shop-web-1'], Labels: labels, State: 'stopped', Status: 'Exited (137) 21 seconds ago' });
    assert.deepEqual(stopped && [stopped.state, stopped.exitCode], ['exited', 137]);
  });

  it('an inspect without a healthcheck has an empty Health object, read as no health', () => {
    const raw = { Id: 'af05', Name: 'shop-web-1', Config: { Labels: labels }, State: { Status: 'running', Running: true, Health: { Status: '', FailingStreak: 0, Log: null } } };
    assert.equal(parseInspect(raw as never).health, undefined);
    assert.equal(parseContainerDetails(raw as never)?.health, 'none');
  });
});
