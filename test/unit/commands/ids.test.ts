import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COMMAND, SERVICES_VIEW } from '../../../src/commands/ids';

// out/test/unit/commands → the repository root.
const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string; category?: string }[];
    views: Record<string, { id: string }[]>;
    menus: Record<string, { command: string }[]>;
  };
};

describe('command table (src/commands/ids.ts)', () => {
  it('lists exactly the commands package.json contributes, each in the Compose Health category', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(COMMAND).sort());
    for (const c of manifest.contributes.commands) assert.equal(c.category, 'Compose Health', c.command);
  });

  it('every menu entry names a command of the table', () => {
    const known = new Set<string>(Object.values(COMMAND));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const entry of entries) assert.ok(known.has(entry.command), `${menu}: ${entry.command} is not in the table`);
    }
  });

  it('names the view package.json contributes', () => {
    const views = Object.values(manifest.contributes.views).flat().map((v) => v.id);
    assert.deepEqual(views, [SERVICES_VIEW]);
  });
});
