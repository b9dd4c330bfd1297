import * as assert from 'node:assert/strict';
import { loadCompose } from '../../../src/core/compose/load';
import { workspaceComposeFile } from '../../../src/core/health/workspace';

describe('workspace compose files as the health store keeps them', () => {
  it("carry each service's depends_on with its condition (the timeline draws the service_healthy ones)", () => {
    const text = [
      'services:',
      '  web:',
      '    image: web',
      '    depends_on:',
      '      db:',
      '        condition: service_healthy',
      '      cache:',
      '        condition: service_started',
      '  worker:',
      '    image: worker',
      '    depends_on: [db]',
      '  db:',
      '    image: postgres',
      '',
    ].join('\n');
    const file = workspaceComposeFile('/ws/app/compose.yaml', loadCompose(text, { fileName: '/ws/app/compose.yaml' }));
    const byName = Object.fromEntries(file.services.map((s) => [s.name, s.dependsOn]));
    assert.deepEqual(byName.web, [
      { service: 'db', condition: 'service_healthy' },
      { service: 'cache', condition: 'service_started' },
    ]);
    assert.deepEqual(byName.worker, [{ service: 'db' }], 'the list form has no condition (Compose: service_started)');
    assert.equal(byName.db, undefined);
  });
});
