import * as assert from 'node:assert/strict';
import { loadCompose } from '../../../src/core/compose/load';
import type { LoadOptions } from '../../../src/core/compose/model';
import { composeLabels } from '../../../src/core/engine/parse';
import { resolveConfigFiles, samePath } from '../../../src/core/identity/labels';
import { composeProjectName, fileIdentity, normalizeProjectName, projectsOfFile, type LabelledProject } from '../../../src/core/identity/projectIdentity';

/** A file's identity from its text and the other files of its folder, as the shared parse reads them. */
function identityOf(file: string, text: string, others: Record<string, string> = {}, env: LoadOptions['env'] = {}) {
  return fileIdentity(file, loadCompose(text, { fileName: file, env, readFile: (p) => others[p] }));
}

/** A project as its containers' labels give it (the engine adapter's parse), v2 or 1.29 style. */
function labelled(project: string, configFiles: string, workingDir?: string): LabelledProject {
  return composeLabels({
    'com.docker.compose.project': project,
    'com.docker.compose.service': 'web',
    'com.docker.compose.project.config_files': configFiles,
    ...(workingDir ? { 'com.docker.compose.project.working_dir': workingDir } : {}),
  })!;
}

const SERVICES = 'services:\n  web:\n    image: app\n';

describe('project identity: which project a workspace compose file belongs to', () => {
  describe('the name Compose would compute (nothing on the engine names the file)', () => {
    it('is the folder name, normalised as compose-go does', () => {
      assert.equal(identityOf('/src/My App.v2/compose.yaml', SERVICES).projectName, 'myappv2');
      assert.equal(identityOf('/src/__x/compose.yaml', SERVICES).projectName, 'x');
      assert.equal(normalizeProjectName('My-Shop'), 'my-shop');
    });

    it('is the top-level name:, interpolated from the .env beside the file', () => {
      assert.equal(identityOf('/src/app/compose.yaml', `name: Shop\n${SERVICES}`).projectName, 'shop');
      assert.equal(identityOf('/src/app/compose.yaml', `name: \${STAGE:-dev}-shop\n${SERVICES}`).projectName, 'dev-shop');
      assert.equal(identityOf('/src/app/compose.yaml', `name: \${STAGE:-dev}-shop\n${SERVICES}`, { '/src/app/.env': 'STAGE=prod\n' }).projectName, 'prod-shop');
    });

    it('is COMPOSE_PROJECT_NAME from the .env beside the file, over name:', () => {
      assert.equal(identityOf('/src/app/compose.yaml', `name: shop\n${SERVICES}`, { '/src/app/.env': 'COMPOSE_PROJECT_NAME=FromDotEnv\n' }).projectName, 'fromdotenv');
      assert.equal(identityOf('/src/app/compose.yaml', SERVICES, { '/src/other/.env': 'COMPOSE_PROJECT_NAME=elsewhere\n' }).projectName, 'app', 'only the .env beside the file counts');
    });

    it('is COMPOSE_PROJECT_NAME from the environment, over the .env', () => {
      const id = identityOf('/src/app/compose.yaml', `name: shop\n${SERVICES}`, { '/src/app/.env': 'COMPOSE_PROJECT_NAME=fromdotenv\n' }, { COMPOSE_PROJECT_NAME: 'ci' });
      assert.equal(id.projectName, 'ci');
      assert.equal(composeProjectName('/src/app/compose.yaml', { projectNameFromEnvironment: '', name: 'shop' }), 'shop', 'an empty variable is unset');
    });

    it("an override file takes its base file's name: (and its own wins)", () => {
      const others = { '/src/app/compose.yaml': `name: shop\n${SERVICES}` };
      assert.equal(identityOf('/src/app/compose.override.yaml', SERVICES, others).projectName, 'shop');
      assert.equal(identityOf('/src/app/compose.override.yaml', `name: mine\n${SERVICES}`, others).projectName, 'mine');
    });
  });

  describe('the labels of the projects on the engine come first', () => {
    const file = identityOf('/src/app/compose.yaml', SERVICES);

    it('a project started under another name (-p shop) from the file is the file’s, with Compose v2’s absolute config_files', () => {
      assert.deepEqual(projectsOfFile(file, [labelled('shop', '/src/app/compose.yaml', '/src/app'), labelled('other', '/src/other/compose.yaml', '/src/other')]), ['shop']);
    });

    it('and with docker-compose 1.29’s config_files, relative to working_dir', () => {
      assert.deepEqual(projectsOfFile(file, [labelled('shop', 'compose.yaml', '/src/app')]), ['shop']);
      assert.deepEqual(projectsOfFile(file, [labelled('shop', 'compose.yaml,compose.override.yaml', '/src/app')]), ['shop']);
      assert.deepEqual(projectsOfFile(file, [labelled('shop', '../app/./compose.yaml', '/src/app')]), ['shop']);
      assert.deepEqual(projectsOfFile(file, [labelled('shop', 'compose.yaml', '/src/elsewhere')]), ['app'], 'relative to another folder: another file');
    });

    it('an override file and each file of -f a -f b belong to the project made from them', () => {
      const running = [labelled('shop', '/src/app/compose.yaml,/src/app/compose.override.yaml', '/src/app')];
      assert.deepEqual(projectsOfFile(identityOf('/src/app/compose.override.yaml', SERVICES), running), ['shop']);
      const several = [labelled('shop', 'a.yaml,b.yaml', '/src/app')];
      assert.deepEqual(projectsOfFile(identityOf('/src/app/a.yaml', SERVICES), several), ['shop']);
      assert.deepEqual(projectsOfFile(identityOf('/src/app/b.yaml', SERVICES), several), ['shop']);
    });

    it('an override file left out of the run (-f compose.yaml) joins the project made from its base', () => {
      const override = identityOf('/src/app/compose.override.yaml', SERVICES);
      assert.deepEqual(override.baseFiles, ['/src/app/compose.yaml', '/src/app/compose.yml']);
      assert.deepEqual(projectsOfFile(override, [labelled('shop', 'compose.yaml', '/src/app')]), ['shop']);
    });

    it('an earlier COMPOSE_FILE entry counts as a base', () => {
      const id = identityOf('/src/app/b.yaml', SERVICES, { '/src/app/.env': 'COMPOSE_FILE=a.yaml:b.yaml\n' });
      assert.deepEqual(projectsOfFile(id, [labelled('shop', '/src/app/a.yaml', '/src/app')]), ['shop']);
    });

    it('the same file started under two names is two projects; none running falls back to the computed name', () => {
      assert.deepEqual(projectsOfFile(file, [labelled('shop2', 'compose.yaml', '/src/app'), labelled('shop', '/src/app/compose.yaml')]), ['shop', 'shop2']);
      assert.deepEqual(projectsOfFile(file, []), ['app']);
      assert.deepEqual(projectsOfFile(file, [labelled('app', '/workspaces/app/compose.yaml')]), ['app'], 'run from a dev container: matched by name');
    });
  });

  describe('config_files as labels write them', () => {
    it('resolves relative paths against working_dir and keeps absolute ones', () => {
      assert.deepEqual(resolveConfigFiles('/a/compose.yaml,/a/x.yaml', '/a'), ['/a/compose.yaml', '/a/x.yaml']);
      assert.deepEqual(resolveConfigFiles('compose.yaml,sub/x.yaml', '/a'), ['/a/compose.yaml', '/a/sub/x.yaml']);
      assert.deepEqual(resolveConfigFiles('compose.yaml', 'C:\\work\\app'), ['C:\\work\\app\\compose.yaml']);
      assert.deepEqual(resolveConfigFiles(undefined, '/a'), []);
    });

    it('compares paths whichever separator or drive-letter case they were written with', () => {
      assert.ok(samePath('C:\\work\\app\\compose.yaml', 'c:/work/app/compose.yaml'));
      assert.ok(samePath('/a/./b/../compose.yaml', '/a/compose.yaml'));
      assert.ok(!samePath('/a/compose.yaml', '/a/compose.yml'));
    });
  });
});
