import * as assert from 'node:assert/strict';
import { EMPTY_STATE, serviceKey, type HealthAction, type HealthState } from '../../../src/core/health/model';
import { reduce } from '../../../src/core/health/reducer';
import { runningChecksOfFile, selectProjects } from '../../../src/core/health/select';
import { fileIdentity } from '../../../src/core/identity/projectIdentity';
import { HealthStore } from '../../../src/core/health/store';
import { workspaceComposeFile } from '../../../src/core/health/workspace';
import { loadCompose } from '../../../src/core/compose/load';
import { composeLabels } from '../../../src/core/engine/parse';
import { container } from '../engine/fakes';

/** The one engine these tests' store knows. */
const ENGINE = 'unix:///s';

const connected = { kind: 'connected' as const, url: 'unix:///s', version: { version: '1', apiVersion: '1.41', flavor: 'docker' as const }, origin: 'platform default' };
const labels = (project: string, service: string, n: number, dir: string) => ({ project, service, containerNumber: n, workingDir: dir, configFiles: [`${dir}/compose.yaml`] });

const COMPOSE = `services:
  web:
    image: web
    healthcheck:
      test: wget -q -O- http://127.0.0.1/ || exit 1
  db:
    image: db
  worker:
    image: worker
    healthcheck:
      test: ["CMD", "true"]
`;

function store(): HealthStore {
  const s = new HealthStore();
  s.dispatch({ type: 'workspaceFolders', folders: ['/ws'] });
  s.dispatch({ type: 'workspaceFile', file: workspaceComposeFile('/ws/shop/compose.yaml', loadCompose(COMPOSE, { fileName: '/ws/shop/compose.yaml' })) });
  s.dispatch({
    type: 'resync', engineId: ENGINE,
    engine: connected,
    containers: [
      container('w1', 'shop', 'web', { compose: labels('shop', 'web', 1, '/ws/shop'), health: 'healthy' }),
      container('w2', 'shop', 'web', { name: 'shop-web-2', compose: labels('shop', 'web', 2, '/ws/shop'), health: 'healthy' }),
      container('d1', 'shop', 'db', { compose: labels('shop', 'db', 1, '/ws/shop') }),
      container('x1', 'another', 'api', { compose: labels('another', 'api', 1, '/elsewhere'), health: 'unhealthy' }),
      container('a1', 'alpha', 'job', { compose: labels('alpha', 'job', 1, '/elsewhere/alpha'), state: 'exited', exitCode: 1 }),
    ],
  });
  return s;
}

describe('health store views', () => {
  it('lists workspace projects first, then the others by name', () => {
    assert.deepEqual(
      store()
        .projects()
        .map((p) => [p.name, p.inWorkspace]),
      [
        ['shop', true],
        ['alpha', false],
        ['another', false],
      ],
    );
  });

  it('shows only workspace projects when the setting says so', () => {
    assert.deepEqual(
      store()
        .projects('workspace')
        .map((p) => p.name),
      ['shop'],
    );
  });

  it('describes services with replicas as `healthy · 2/2` and a service the workspace defines but that has no container as not created', () => {
    const shop = store().projects()[0];
    const byName = Object.fromEntries(shop.services.map((s) => [s.name, s]));
    assert.equal(byName.web.description, 'healthy · 2/2');
    assert.equal(byName.web.status, 'healthy');
    assert.equal(byName.db.description, 'running · no healthcheck');
    assert.equal(byName.worker.status, 'notCreated');
    assert.equal(byName.worker.description, 'not created');
    assert.equal(byName.worker.hasHealthcheck, true);
    assert.equal(byName.worker.definition?.file, '/ws/shop/compose.yaml');
    assert.ok(byName.web.definition?.healthcheckKeyRange, 'web is defined with a healthcheck');
    assert.equal(shop.description, '1/2 healthy');
  });

  it('a service shows its worst running container: `unhealthy · 1/2`', () => {
    const s = store();
    s.dispatch({ type: 'event', engineId: ENGINE, event: { action: 'health_status', containerId: 'w2', health: 'unhealthy', timeNano: 1 } });
    assert.equal(s.service('shop', 'web')?.description, 'unhealthy · 1/2');
  });

  it('exited shows the exit code, and only when nothing of the service runs', () => {
    const s = store();
    assert.equal(s.service('alpha', 'job')?.description, 'exited (1)');
    s.dispatch({ type: 'event', engineId: ENGINE, event: { action: 'die', containerId: 'w2', exitCode: 0, timeNano: 1 } });
    assert.equal(s.service('shop', 'web')?.description, 'healthy · 1/2');
  });

  it('summarises services with a healthcheck for the status bar and the view badge', () => {
    assert.deepEqual(store().summary(), { healthy: 1, unhealthy: 1, starting: 0, checked: 3 });
    assert.deepEqual(store().summary('workspace'), { healthy: 1, unhealthy: 0, starting: 0, checked: 2 });
  });


  it('a file run under another project name (-p) belongs to that project', () => {
    let state: HealthState = EMPTY_STATE;
    state = reduce(state, { type: 'workspaceFile', file: workspaceComposeFile('/ws/shop/compose.yaml', loadCompose(COMPOSE)) }).state;
    state = reduce(state, { type: 'resync', engineId: ENGINE, engine: connected, containers: [container('w1', 'custom', 'web', { compose: labels('custom', 'web', 1, '/ws/shop') })] }).state;
    const s = new HealthStore(state);
    assert.deepEqual(
      s.projects().map((p) => p.name),
      ['custom'],
    );
    assert.deepEqual(
      s.projects()[0].services.map((x) => `${x.name}:${x.status}`),
      ['db:notCreated', 'web:running', 'worker:notCreated'],
    );
  });

  it('a project started with docker-compose 1.29 under another name shows once, with no phantom project under the folder name', () => {
    // 1.29 writes config_files relative to working_dir; -p shop (or COMPOSE_PROJECT_NAME=shop in .env) names the project.
    const v1 = (service: string, n: number) => composeLabels({
      'com.docker.compose.project': 'shop',
      'com.docker.compose.service': service,
      'com.docker.compose.container-number': String(n),
      'com.docker.compose.project.working_dir': '/ws/app',
      'com.docker.compose.project.config_files': 'compose.yaml',
    })!;
    let state: HealthState = { ...EMPTY_STATE, workspaceFolders: ['/ws'] };
    state = reduce(state, { type: 'workspaceFile', file: workspaceComposeFile('/ws/app/compose.yaml', loadCompose(COMPOSE, { fileName: '/ws/app/compose.yaml' })) }).state;
    state = reduce(state, { type: 'resync', engineId: ENGINE, engine: connected, containers: [container('w1', 'shop', 'web', { compose: v1('web', 1), health: 'healthy' })] }).state;
    const s = new HealthStore(state);
    assert.deepEqual(s.projects().map((p) => p.name), ['shop']);
    assert.deepEqual(s.projects()[0].services.map((x) => `${x.name}:${x.status}`), ['db:notCreated', 'web:healthy', 'worker:notCreated']);
    assert.deepEqual(s.projects()[0].configFiles, ['/ws/app/compose.yaml'], 'shown as an absolute path');
    assert.deepEqual(s.summary(), { healthy: 1, unhealthy: 0, starting: 0, checked: 2 });
  });

  it('before anything runs on the engine, a file whose .env sets COMPOSE_PROJECT_NAME shows under that name', () => {
    const file = '/ws/app/compose.yaml';
    const model = loadCompose(COMPOSE, { fileName: file, readFile: (p) => (p === '/ws/app/.env' ? 'COMPOSE_PROJECT_NAME=shop\n' : undefined) });
    const s = new HealthStore(reduce(EMPTY_STATE, { type: 'workspaceFile', file: workspaceComposeFile(file, model) }).state);
    assert.deepEqual(s.projects(), [], 'no engine is connected: nothing says where it would run');
    s.dispatch({ type: 'resync', engineId: ENGINE, containers: [], engine: connected });
    assert.deepEqual(s.projects().map((p) => [p.name, p.description]), [['shop', 'not created']]);
  });

  it('computes the views once per state and scope', () => {
    const s = store();
    const all = s.projects('all');
    const workspace = s.projects('workspace');
    assert.equal(s.projects('all'), all);
    assert.equal(s.projects('workspace'), workspace);
    s.dispatch({ type: 'event', engineId: ENGINE, event: { action: 'pause', containerId: 'd1', timeNano: 1 } });
    assert.notEqual(s.projects('all'), all, 'a new state has new views');
  });

  it('after a health change rebuilds only the changed service and its project, with the same views as selecting afresh', () => {
    const s = store();
    const before = { all: s.projects('all'), workspace: s.projects('workspace') };
    const steps: HealthAction[] = [
      { type: 'event', engineId: ENGINE, event: { action: 'health_status', containerId: 'w2', health: 'unhealthy', timeNano: 1 } },
      { type: 'details', id: 'w2', details: container('w2', 'shop', 'web', { name: 'shop-web-2', compose: labels('shop', 'web', 2, '/ws/shop'), health: 'unhealthy', failingStreak: 3 }), requestSeq: 99 },
      { type: 'event', engineId: ENGINE, event: { action: 'die', containerId: 'x1', exitCode: 137, timeNano: 2 } },
    ];
    for (const action of steps) {
      s.dispatch(action);
      for (const scope of ['all', 'workspace'] as const) assert.deepEqual(s.projects(scope), selectProjects(s.state, scope), `${action.type} in scope ${scope}`);
    }
    const untouched = before.all.find((p) => p.name === 'alpha');
    assert.equal(s.projects('all').find((p) => p.name === 'alpha'), untouched, 'a project nothing happened in keeps its view');
    assert.equal(s.projects('all').find((p) => p.name === 'shop')?.services.find((v) => v.name === 'db'), before.all.find((p) => p.name === 'shop')?.services.find((v) => v.name === 'db'), 'so does a service');
    assert.equal(s.projects('all').find((p) => p.name === 'shop')?.services.find((v) => v.name === 'web')?.containers[1].record.details?.failingStreak, 3, 'a patched view holds the new record');
  });

  it('selects afresh after a structural change', () => {
    const s = store();
    s.projects('all');
    s.dispatch({ type: 'event', engineId: ENGINE, event: { action: 'destroy', containerId: 'd1', timeNano: 1 } });
    assert.deepEqual(s.projects('all'), selectProjects(s.state, 'all'));
    assert.equal(s.projects('all').find((p) => p.name === 'shop')?.services.find((v) => v.name === 'db')?.description, 'not created');
  });

  it('tells listeners what changed, once per visible change', () => {
    const s = store();
    const seen: unknown[] = [];
    s.onDidChange((c) => seen.push([...c.services]));
    s.dispatch({ type: 'event', engineId: ENGINE, event: { action: 'health_status', containerId: 'w1', health: 'healthy', timeNano: 1 } });
    s.dispatch({ type: 'event', engineId: ENGINE, event: { action: 'health_status', containerId: 'w1', health: 'unhealthy', timeNano: 2 } });
    assert.deepEqual(seen, [[serviceKey(ENGINE, 'shop', 'web')]]);
  });
});

describe('the running checks of a compose file (for its hover)', () => {
  it('gives each service of the file its first running container with the healthcheck an inspect stored, and nothing of other projects', () => {
    const s = store();
    const identity = fileIdentity('/ws/shop/compose.yaml', loadCompose(COMPOSE, { fileName: '/ws/shop/compose.yaml' }));
    const before = runningChecksOfFile(s.state, identity);
    assert.deepEqual([...before.checks], [], 'nothing inspected yet: nothing said');
    assert.deepEqual(before.missing.sort(), ['d1', 'w1', 'w2'], 'the running containers of the file, to inspect');
    const details = (spec?: { test: string[] }) => ({ failingStreak: 0, probeLog: [], ...(spec ? { healthcheck: spec } : {}) });
    s.dispatch({ type: 'details', id: 'w2', details: { ...container('w2', 'shop', 'web', { name: 'shop-web-2', compose: labels('shop', 'web', 2, '/ws/shop') }), ...details({ test: ['CMD', 'two'] }) }, requestSeq: s.state.seq });
    s.dispatch({ type: 'details', id: 'w1', details: { ...container('w1', 'shop', 'web', { compose: labels('shop', 'web', 1, '/ws/shop') }), ...details({ test: ['CMD', 'one'] }) }, requestSeq: s.state.seq });
    s.dispatch({ type: 'details', id: 'd1', details: { ...container('d1', 'shop', 'db', { compose: labels('shop', 'db', 1, '/ws/shop') }), ...details() }, requestSeq: s.state.seq });
    s.dispatch({ type: 'details', id: 'x1', details: { ...container('x1', 'another', 'api', { compose: labels('another', 'api', 1, '/elsewhere') }), ...details({ test: ['CMD', 'x'] }) }, requestSeq: s.state.seq });
    const { checks, missing } = runningChecksOfFile(s.state, identity);
    assert.deepEqual(missing, []);
    assert.deepEqual([...checks.keys()].sort(), ['db', 'web']);
    assert.equal(checks.get('web')?.spec?.test?.[1], checks.get('web')?.container === s.state.containers.get('w1')?.name ? 'one' : 'two');
    assert.equal(checks.get('db')?.spec, undefined);
    assert.equal(checks.get('db')?.apiVersion, '1.41');
  });
});

