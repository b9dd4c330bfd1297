import * as assert from 'node:assert/strict';
import { expectNone, expectOne, yaml } from '../support';

const withRestart = (value: string, deploy = '') => yaml`
  services:
    web:
      image: app
      restart: ${value}
${deploy}`;

describe('rule stack-ignores-restart', () => {
  it('quotes docker stack deploy and says that deploy.restart_policy wins when both are written', () => {
    const text = withRestart('always', '      deploy:\n        restart_policy:\n          condition: none\n');
    const finding = expectOne(text, 'stack-ignores-restart', 'info', 'restart', { stack: true });
    assert.match(finding.message, /"Ignoring unsupported options: restart"/);
    assert.match(finding.message, /uses deploy\.restart_policy/);
  });
  it('says that restart: "no" still leaves Swarm restarting the task (seen: Condition any on Engine 26.1.5)', () => {
    const finding = expectOne(withRestart('"no"'), 'stack-ignores-restart', 'info', 'restart', { stack: true });
    assert.match(finding.message, /condition: any\) restarts every task/);
    assert.match(finding.message, /deploy\.restart_policy\.condition: none/);
  });
  it('says what the value is converted to without deploy.restart_policy (on-failure:2 → on-failure)', () => {
    assert.match(expectOne(withRestart('on-failure:2'), 'stack-ignores-restart', 'info', 'restart', { stack: true }).message, /"on-failure:2" → condition on-failure/);
    assert.match(expectOne(withRestart('unless-stopped'), 'stack-ignores-restart', 'info', 'restart', { stack: true }).message, /→ condition any/);
  });
  it('says nothing to plain Compose users or without restart', () => {
    expectNone(withRestart('always'), 'stack-ignores-restart');
    expectNone('services:\n  web:\n    image: app\n', 'stack-ignores-restart', { stack: true });
  });
});
