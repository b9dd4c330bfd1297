import * as assert from 'node:assert/strict';
import { analyzeCompose } from '../../../src/core/compose/analyze';
import { deploysToSwarm, isStackFile } from '../../../src/core/swarm/stackFile';

describe('isStackFile (composeHealth.swarm.stackFiles)', () => {
  it('matches a glob without a / against the file name in any folder, one with a / against the workspace path', () => {
    assert.equal(isStackFile('ops/stack.yml', ['stack.yml']), true);
    assert.equal(isStackFile('deploy/prod.yml', ['deploy/*.yml']), true);
    assert.equal(isStackFile('deploy\\prod.yml', ['./deploy/*.yml']), true);
    assert.equal(isStackFile('other/deploy/prod.yml', ['deploy/*.yml']), false);
    assert.equal(isStackFile('other/deploy/prod.yml', ['**/deploy/*.yml']), true);
  });
  it('is false without a matching glob: a plain compose file is never a stack file by default', () => {
    assert.equal(isStackFile('compose.yaml', []), false);
    assert.equal(isStackFile('compose.yaml', ['  ', 'stack.yml']), false);
  });
});

describe('deploysToSwarm (a deploy: section on a Swarm-mode engine)', () => {
  const withDeploy = analyzeCompose('services:\n  web:\n    image: app\n    deploy:\n      replicas: 2\n', { fileName: '/w/compose.yaml' });
  const without = analyzeCompose('services:\n  web:\n    image: app\n', { fileName: '/w/compose.yaml' });
  it('takes a file with deploy: for a stack file only when the engine is in Swarm mode', () => {
    assert.equal(deploysToSwarm(withDeploy, true), true);
    assert.equal(deploysToSwarm(withDeploy, false), false);
    assert.equal(deploysToSwarm(withDeploy, undefined), false);
    assert.equal(deploysToSwarm(without, true), false);
  });
});
