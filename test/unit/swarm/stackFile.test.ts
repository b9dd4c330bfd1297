import * as assert from 'node:assert/strict';
import { isStackFile } from '../../../src/core/swarm/stackFile';

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
