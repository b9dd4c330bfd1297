import * as assert from 'node:assert/strict';
import type { HealthChange } from '../../../src/core/health/model';
import { LensDependencies } from '../../../src/core/probe/lensDependencies';
import type { ComposeFileState } from '../../../src/core/probe/serviceStates';
import { container } from './fakeEngine';

const drawn = (projects: string[], running: string[]): ComposeFileState => ({
  ok: true,
  apiVersion: '1.41',
  flavor: 'docker',
  projects,
  services: new Map([
    [
      'web',
      {
        service: 'web',
        spec: {},
        check: { kind: 'command', test: ['CMD-SHELL', 'x'] },
        running: running.map((id) => ({ container: container(id), plan: { ok: false, reason: 'no-image-check', message: 'n/a' }, drift: [] })),
        stopped: [],
      },
    ],
  ]),
});
const change = (services: string[], details: string[] = [], structural = false): HealthChange => ({ structural, services: new Set(services), details: new Set(details) });

describe('which health changes redraw the lenses', () => {
  it("redraws for a service of a drawn file's project, or a new probe result of a container it shows", () => {
    const deps = new LensDependencies();
    deps.record('file:///shop/compose.yaml', drawn(['shop'], ['w1']));
    assert.equal(deps.affectedBy(change(['shop/web'])), true);
    assert.equal(deps.affectedBy(change(['shop/db'])), true, 'the same project, a service without a lens yet');
    assert.equal(deps.affectedBy(change([], ['w1'])), true);
  });

  it('does not redraw for another project flapping, or for details of a container no lens shows', () => {
    const deps = new LensDependencies();
    deps.record('file:///shop/compose.yaml', drawn(['shop'], ['w1']));
    assert.equal(deps.affectedBy(change(['shopping/web', 'other/shop'])), false);
    assert.equal(deps.affectedBy(change([], ['o1'])), false);
  });

  it('always redraws for a structural change (engine status, a first or last container of a service)', () => {
    assert.equal(new LensDependencies().affectedBy(change([], [], true)), true);
  });

  it('a closed file, or one drawn while the engine was unreachable, depends on nothing but structural changes', () => {
    const deps = new LensDependencies();
    deps.record('file:///shop/compose.yaml', drawn(['shop'], ['w1']));
    deps.forget('file:///shop/compose.yaml');
    assert.equal(deps.affectedBy(change(['shop/web'], ['w1'])), false);
    deps.record('file:///shop/compose.yaml', drawn(['shop'], ['w1']));
    deps.record('file:///shop/compose.yaml', { ok: false, message: 'Docker is not reachable' });
    assert.equal(deps.affectedBy(change(['shop/web'], ['w1'])), false);
  });
});
