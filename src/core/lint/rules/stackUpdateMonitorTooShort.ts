import { effectiveHealthcheck } from '../../compose/healthcheckSpec';
import { formatDuration } from '../../compose/duration';
import { deployEntry, durationNs } from '../support/deploy';
import { originOf } from '../support/scripts';
import type { Rule } from '../rule';

/** swarmkit `api/defaults/service.go`: `update_config.monitor` defaults to 5s (also docker/cli's `--update-monitor`). */
const DEFAULT_MONITOR_NS = 5e9;

/**
 * How a rolling update judges a new task (moby/swarmkit `manager/orchestrator/update/updater.go`): the
 * monitoring period starts when the new task reaches RUNNING, and only a failure within `monitor` after
 * that counts against the update (failure_action, max_failure_ratio). A task whose container has a
 * healthcheck reaches RUNNING when the container first reports healthy (moby
 * `daemon/cluster/executor/container/controller.go`; seen on Engine 26.1.5: the task stays "Starting"
 * until then). From there the engine needs at least `retries` failed probes, one per `interval` (moby
 * `daemon/health.go`), to call it unhealthy and fail the task. A monitor shorter than that ends before
 * the healthcheck can judge the new version, so an update whose tasks pass once and then fail still
 * completes. Only for a stack file, and only where the file writes `update_config`.
 */
export const stackUpdateMonitorTooShort: Rule = {
  code: 'stack-update-monitor-too-short',
  severity: 'info',
  checkHealthcheck(hc, service, ctx) {
    if (!ctx.stack) return;
    const updateConfig = deployEntry(service, ctx.analysis, 'update_config');
    if (!updateConfig) return;
    const effective = effectiveHealthcheck(hc.spec);
    if (effective.disabled || !effective.test) return;
    const monitor = deployEntry(service, ctx.analysis, 'update_config', 'monitor');
    const monitorNs = monitor ? durationNs(monitor.value, ctx.analysis) : DEFAULT_MONITOR_NS;
    if (monitorNs === undefined) return;
    const judgeNs = effective.retries * effective.intervalNs;
    if (monitorNs >= judgeNs) return;
    const at = monitor ?? updateConfig;
    const written = monitor ? `update_config.monitor (${formatDuration(monitorNs)})` : `update_config.monitor (not set: Swarm's default ${formatDuration(monitorNs)})`;
    ctx.report({
      at: at.keyNode,
      origin: originOf(at),
      message: `${written} is shorter than the ${formatDuration(judgeNs)} the healthcheck needs to call a new task unhealthy (retries ${effective.retries} × interval ${formatDuration(effective.intervalNs)}). Swarm counts a task's failure against a rolling update only within monitor after the task turns healthy, so a new version that passes once and then fails is rolled out anyway. Set monitor to at least ${formatDuration(judgeNs)}.`,
    });
  },
};
