import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadCompose } from '../../../src/core/compose/load';
import { lintText } from '../../../src/core/lint';

const dir = path.resolve(__dirname, '../../../../test/fixtures/lint/project');
const readFile = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};
const lint = (name: string) => {
  const text = readFileSync(path.join(dir, name), 'utf8');
  return { text, findings: lintText(text, { fileName: path.join(dir, name), readFile, env: {} }) };
};

describe('a project on disk: base, override, .env and extends file', () => {
  it('checks the override merged with its base: known services, inherited start_period, no unknown service', () => {
    const { findings } = lint('compose.override.yaml');
    assert.deepEqual(findings, []);
  });

  it('reads .env beside the file for interpolation and checks the interpolated duration', () => {
    const { text, findings } = lint('compose.yaml');
    const missingUnit = findings.filter((f) => f.code === 'duration-missing-unit');
    assert.equal(missingUnit.length, 1);
    assert.equal(text.slice(missingUnit[0].range.start, missingUnit[0].range.end), '${HC_INTERVAL}');
    assert.match(missingUnit[0].message, /missing unit in duration "90"/);
    assert.equal(loadCompose(text, { fileName: path.join(dir, 'compose.yaml'), readFile }).services[1].image, 'example/web:1.2.3');
  });

  it('reports an inherited problem in the file that holds it, not in the file that extends it', () => {
    assert.deepEqual(lint('compose.yaml').findings.filter((f) => f.code === 'test-none-string'), []);
    assert.deepEqual(lint('common.yml').findings.map((f) => f.code), ['test-none-string']);
    const web = loadCompose(readFileSync(path.join(dir, 'compose.yaml'), 'utf8'), { fileName: path.join(dir, 'compose.yaml'), readFile }).services[1];
    assert.deepEqual(web.healthcheck?.spec, { test: ['CMD-SHELL', 'NONE'], intervalNs: 10e9, startPeriodNs: 20e9 });
  });

  it('without readFile the override is a partial file: nothing about what its base may provide', () => {
    const text = readFileSync(path.join(dir, 'compose.override.yaml'), 'utf8');
    const findings = lintText(text, { fileName: path.join(dir, 'compose.override.yaml') });
    assert.deepEqual(findings, []);
  });
});
