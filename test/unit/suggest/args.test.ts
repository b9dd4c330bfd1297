import * as assert from 'node:assert/strict';
import { parseArgs } from '../../../src/cli/args';

describe('suggest: the CLI arguments', () => {
  it('reads the format, --apply, the file and the services', () => {
    assert.deepEqual(parseArgs(['suggest', 'compose.yaml']), { kind: 'suggest', format: 'text', apply: false, file: 'compose.yaml', services: [] });
    assert.deepEqual(parseArgs(['suggest', '--format=json', '--apply', 'compose.yaml', 'web', 'db']), {
      kind: 'suggest',
      format: 'json',
      apply: true,
      file: 'compose.yaml',
      services: ['web', 'db'],
    });
  });

  it('refuses sarif, an unknown option and a missing FILE with a usage error', () => {
    assert.deepEqual(parseArgs(['suggest', '--format', 'sarif', 'x.yaml']), { kind: 'usage-error', message: 'suggest --format needs text or json, not "sarif".' });
    assert.deepEqual(parseArgs(['suggest', '--fix', 'x.yaml']), { kind: 'usage-error', message: 'unknown option "--fix" for suggest.' });
    assert.equal(parseArgs(['suggest']).kind, 'usage-error');
    assert.deepEqual(parseArgs(['sugest']), { kind: 'usage-error', message: 'unknown command "sugest"; the commands are "lint" and "suggest".' });
  });
});
