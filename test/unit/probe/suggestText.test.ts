import * as assert from 'node:assert/strict';
import { formatTriedLog, minimalChange, suggestProgressMessage } from '../../../src/probe/suggestText';

describe('the Suggest command\'s words', () => {
  it('progress names the candidate and its place, and the wait', () => {
    const candidate = { test: ['CMD', 'wget', '-q', '-O-', 'http://127.0.0.1:8080/health'], kind: 'http' as const, description: 'GET http://127.0.0.1:8080/health with BusyBox wget' };
    assert.equal(suggestProgressMessage({ kind: 'trying', candidate, index: 1, total: 7 }), 'trying 2/7: GET http://127.0.0.1:8080/health with BusyBox wget');
    assert.match(suggestProgressMessage({ kind: 'waiting', elapsedMs: 4_600, limitMs: 120_000, round: 2 }), /5 of 120 s/);
    assert.match(suggestProgressMessage({ kind: 'discovering' }), /what the container can run/);
  });

  it('logs each candidate with its argv, exit code, duration, runs and full output', () => {
    const text = formatTriedLog('web', 'shop-web-1', { test: ['CMD', 'curl', '-fsS', 'http://127.0.0.1/health'], kind: 'http', description: 'GET /health with curl', exitCode: -1, output: 'exec: "curl": executable file not found in $PATH\n', durationMs: 12.4, timedOut: false, runs: 1 });
    assert.equal(text, 'Suggest web in shop-web-1: GET /health with curl: ["CMD","curl","-fsS","http://127.0.0.1/health"] → exit -1, 12 ms\n    exec: "curl": executable file not found in $PATH');
    const passed = formatTriedLog('web', 'shop-web-1', { test: ['CMD', 'true'], kind: 'tcp', description: 'x', exitCode: 0, output: '', durationMs: 3, timedOut: false, runs: 3 });
    assert.match(passed, /→ exit 0, 3 ms, 3 runs\n {4}\(no output\)$/);
  });

  it('the edit is the one span that changed, so undo and the diff touch only the inserted lines', () => {
    const before = 'services:\n  web:\n    image: app\n\n  db:\n    image: pg\n';
    const after = 'services:\n  web:\n    image: app\n    healthcheck:\n      test: ["CMD", "true"]\n\n  db:\n    image: pg\n';
    const change = minimalChange(before, after);
    assert.equal(before.slice(0, change.start) + change.text + before.slice(change.end), after);
    assert.equal(change.start, change.end, 'an insertion replaces nothing');
    assert.equal(change.text, '    healthcheck:\n      test: ["CMD", "true"]\n');
    assert.deepEqual(minimalChange('abc', 'abc'), { start: 3, end: 3, text: '' });
    const replaced = minimalChange('a: 1\nb: 2\n', 'a: 1\nb: 3\n');
    assert.deepEqual(replaced, { start: 8, end: 9, text: '3' });
  });
});
