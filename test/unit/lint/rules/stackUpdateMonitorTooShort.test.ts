import * as assert from 'node:assert/strict';
import { expectNone, expectOne, yaml } from '../support';

const file = (healthcheck: string, updateConfig: string) => yaml`
  services:
    web:
      image: app
      healthcheck:
${healthcheck}
      deploy:
${updateConfig}
`;
const check = '        test: ["CMD", "true"]\n        interval: 10s\n        retries: 3';

describe('rule stack-update-monitor-too-short', () => {
  it('reports a monitor shorter than retries × interval: the update ends before the healthcheck can fail a task', () => {
    const text = file(check, '        update_config:\n          monitor: 10s');
    const finding = expectOne(text, 'stack-update-monitor-too-short', 'info', 'monitor', { stack: true });
    assert.match(finding.message, /update_config\.monitor \(10s\) is shorter than the 30s/);
    assert.match(finding.message, /retries 3 × interval 10s/);
    assert.match(finding.message, /at least 30s/);
  });
  it('takes Swarm\'s default monitor (5s) when update_config does not set it, and the engine\'s defaults for the check', () => {
    const text = file('        test: ["CMD", "true"]', '        update_config:\n          parallelism: 1');
    const finding = expectOne(text, 'stack-update-monitor-too-short', 'info', 'update_config', { stack: true });
    assert.match(finding.message, /not set: Swarm's default 5s\) is shorter than the 1m30s/);
  });
  it('says nothing when monitor covers the judgement, without update_config, for a disabled check, or outside a stack', () => {
    expectNone(file(check, '        update_config:\n          monitor: 30s'), 'stack-update-monitor-too-short', { stack: true });
    expectNone(file(check, '        replicas: 2'), 'stack-update-monitor-too-short', { stack: true });
    expectNone(file('        disable: true', '        update_config:\n          monitor: 1s'), 'stack-update-monitor-too-short', { stack: true });
    expectNone(file(check, '        update_config:\n          monitor: 10s'), 'stack-update-monitor-too-short');
  });
  it('skips a monitor whose value is not known here (an unset variable)', () => {
    expectNone(file(check, '        update_config:\n          monitor: ${MONITOR}'), 'stack-update-monitor-too-short', { stack: true });
  });
});
