import { isScalar } from 'yaml';
import { originOf } from '../support/scripts';
import { deployEntry } from '../support/deploy';
import type { Rule } from '../rule';

/**
 * `docker stack deploy` prints "Ignoring unsupported options: restart" (docker/cli
 * `cli/compose/loader/loader.go` getUnsupportedProperties), yet docker/cli `cli/compose/convert/service.go`
 * (convertRestartPolicy) still converts `restart` when `deploy.restart_policy` is absent: `always` and
 * `unless-stopped` become condition `any`, `on-failure[:N]` becomes `on-failure` with N attempts, and
 * `no` gives no policy, so Swarm's default (condition `any`) restarts the task anyway. Seen on Engine
 * 26.1.5 with docker CLI 28.2.2: `restart: "no"` → {"Condition":"any"}, `on-failure:2` →
 * {"Condition":"on-failure","MaxAttempts":2}; with `deploy.restart_policy` written, `restart` is dropped.
 */
export const stackIgnoresRestart: Rule = {
  code: 'stack-ignores-restart',
  severity: 'info',
  checkService(service, ctx) {
    const entry = service.entries.get('restart');
    if (!ctx.stack || !entry) return;
    const printed = 'docker stack deploy prints "Ignoring unsupported options: restart"';
    const value = isScalar(entry.value) ? String(entry.value.value) : undefined;
    let message: string;
    if (deployEntry(service, ctx.analysis, 'restart_policy')) {
      message = `${printed} and uses deploy.restart_policy: this restart has no effect in Swarm.`;
    } else if (value === 'no') {
      message = `${printed}; restart: "no" gives no restart policy, so Swarm's default (condition: any) restarts every task that exits. To keep a finished task down, write deploy.restart_policy.condition: none.`;
    } else {
      message = `${printed}, yet converts it because deploy.restart_policy is not set${value ? ` ("${value}" → condition ${value.startsWith('on-failure') ? 'on-failure' : 'any'})` : ''}. Write deploy.restart_policy (condition, delay, max_attempts, window) to say what Swarm does.`;
    }
    ctx.report({ at: entry.keyNode, origin: originOf(entry), message });
  },
};
