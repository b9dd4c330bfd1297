import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTextFile } from '../../../src/core/compose/files';

describe('reading a file a compose file names (bounded, regular files only)', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'lint-ui-read-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file as UTF-8', () => {
    writeFileSync(join(dir, '.env'), 'GREETING=grüß\n');
    assert.deepEqual(readTextFile(join(dir, '.env'), 1024), { ok: true, text: 'GREETING=grüß\n' });
  });

  it('says a missing file is missing', () => {
    assert.deepEqual(readTextFile(join(dir, 'nope.yaml'), 1024), { ok: false, reason: 'missing' });
  });

  it('does not read a directory or a device such as /dev/zero (which never ends)', () => {
    assert.deepEqual(readTextFile(dir, 1024), { ok: false, reason: 'not-a-file' });
    assert.deepEqual(readTextFile('/dev/zero', 1024), { ok: false, reason: 'not-a-file' });
  });

  it('refuses a file above the limit without reading it whole', () => {
    writeFileSync(join(dir, 'big.yaml'), 'x'.repeat(5000));
    assert.deepEqual(readTextFile(join(dir, 'big.yaml'), 4096), { ok: false, reason: 'too-large' });
    assert.equal((readTextFile(join(dir, 'big.yaml'), 5000) as { text: string }).text.length, 5000);
  });

  it('reads a /proc file whose reported size is 0, and still stops at the limit', () => {
    const status = readTextFile('/proc/self/status', 1 << 20);
    assert.ok(status.ok && status.text.includes('Pid:'));
    assert.deepEqual(readTextFile('/proc/self/status', 10), { ok: false, reason: 'too-large' });
  });
});
