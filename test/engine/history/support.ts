import * as assert from 'node:assert/strict';
import type { ServiceLane } from '../../../src/core/history/model';
import { parseEngineTime, type HistoryStore } from '../../../src/core/history/store';

/** Resolves once `predicate` holds, re-checked whenever the history records (no sleeping). */
export function untilHistory(history: HistoryStore, project: string, predicate: () => boolean, what: string, deadlineMs = 30_000): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${deadlineMs} ms waiting for ${what}; lanes: ${JSON.stringify(history.lanes(project).map(summary))}`));
    }, deadlineMs);
    const subscription = history.onDidRecord(() => {
      if (!predicate()) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}

export function summary(lane: ServiceLane | undefined) {
  return {
    service: lane?.service,
    changes: lane?.changes.map((c) => c.status).join(' → '),
    marks: lane?.marks.map((m) => `${m.kind}${m.exitCode === undefined ? '' : `(${m.exitCode})`}`).join(' '),
    probes: lane?.probes.length,
  };
}

/**
 * The engine's `State.Health.Log` against the recorded probes: every entry the history could have seen
 * (not newer than its newest) is recorded exactly once with the same times, exit code and output, and
 * every recorded probe still in Docker's log (it keeps five) is one of its entries.
 */
export function compareWithEngineLog(lane: ServiceLane, containerId: string, log: Array<{ Start: string; End: string; ExitCode: number; Output: string }>): void {
  const recorded = lane.probes.filter((p) => p.containerId === containerId);
  const starts = recorded.map((p) => p.start);
  assert.equal(new Set(starts).size, starts.length, `a probe recorded twice: ${starts.join(', ')}`);
  const newest = Math.max(...starts);
  const oldestInLog = Math.min(...log.map((e) => parseEngineTime(e.Start)!));
  for (const entry of log) {
    const start = parseEngineTime(entry.Start)!;
    if (start > newest) continue;
    const match = recorded.filter((p) => p.start === start);
    assert.equal(match.length, 1, `Docker's probe of ${entry.Start} is recorded once`);
    assert.deepEqual(match[0], { containerId, start, end: parseEngineTime(entry.End), exitCode: entry.ExitCode, output: entry.Output });
  }
  for (const probe of recorded) if (probe.start >= oldestInLog) assert.ok(log.some((e) => parseEngineTime(e.Start) === probe.start), `recorded probe at ${new Date(probe.start).toISOString()} is in Docker's log`);
}

