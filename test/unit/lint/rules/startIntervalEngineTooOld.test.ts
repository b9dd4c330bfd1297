import * as assert from 'node:assert/strict';
import { takesStartInterval } from '../../../../src/core/lint/support/engine';
import { expectNone, expectOne } from '../support';

const text = 'services:\n  web:\n    healthcheck:\n      test: ["CMD", "true"]\n      start_period: 30s\n      start_interval: 1s\n';

describe('rule start-interval-engine-too-old', () => {
  it('reports start_interval as docker compose v2 does on an engine older than 25, when the engine is known', () => {
    const finding = expectOne(text, 'start-interval-engine-too-old', 'error', 'start_interval', { engine: { version: '20.10.24+dfsg1', apiVersion: '1.41' } });
    assert.match(finding.message, /"can't set healthcheck\.start_interval as feature require Docker Engine v25 or later"/);
    assert.match(finding.message, /Docker Engine 20\.10\.24\+dfsg1, API 1\.41/);
    expectOne(text, 'start-interval-engine-too-old', 'error', 'start_interval', { engine: { version: '24.0.7' } });
  });
  it('says nothing without an engine, on Engine 25 and later, or without start_interval', () => {
    expectNone(text, 'start-interval-engine-too-old');
    expectNone(text, 'start-interval-engine-too-old', { engine: { version: '26.1.5', apiVersion: '1.45' } });
    expectNone(text, 'start-interval-engine-too-old', { engine: { version: '25' } });
    expectNone(text.replace('      start_interval: 1s\n', ''), 'start-interval-engine-too-old', { engine: { version: '20.10' } });
  });
  it('lets the API version decide when it is known (Podman 4 reports its own version, API 1.41)', () => {
    assert.equal(takesStartInterval({ version: '4.3.1', apiVersion: '1.41' }), false);
    assert.equal(takesStartInterval({ version: '4.9.0', apiVersion: '1.44' }), true);
    assert.equal(takesStartInterval({ version: 'v25.0.3' }), true);
    assert.equal(takesStartInterval({ version: 'dev' }), undefined);
    assert.equal(takesStartInterval(undefined), undefined);
  });
});
