import * as assert from 'node:assert/strict';
import { Emitter } from '../../../src/core/engine/emitter';
import type { HealthHistory, ServiceLane } from '../../../src/core/history/model';
import { explainAt, recentTransitions } from '../../../src/core/history/transitions';

function historyOf(lanes: ServiceLane[]): HealthHistory {
  return {
    lanes: (project) => lanes.filter((l) => l.project === project),
    lane: (project, service) => lanes.find((l) => l.project === project && l.service === service),
    projects: () => [...new Set(lanes.map((l) => l.project))],
    onDidRecord: new Emitter<ReadonlySet<string>>().event,
  };
}

describe('recent transitions (the status bar tooltip)', () => {
  const api: ServiceLane = {
    project: 'shop',
    service: 'api',
    marks: [],
    probes: [{ containerId: 'a', start: 290, end: 299, exitCode: 22, output: 'curl: (22) The requested URL returned error: 503\n' }],
    changes: [
      { at: 100, containerId: 'a', status: 'starting' },
      { at: 200, containerId: 'a', status: 'healthy' },
      { at: 300, containerId: 'a', status: 'unhealthy' },
    ],
  };
  const db: ServiceLane = { project: 'shop', service: 'db', marks: [], probes: [], changes: [{ at: 250, containerId: 'b', status: 'healthy' }] };
  const other: ServiceLane = { project: 'other', service: 'x', marks: [], probes: [], changes: [{ at: 400, containerId: 'c', status: 'stopped' }] };

  it('lists the newest changes of the given projects first, a turn to unhealthy with its class', () => {
    const transitions = recentTransitions(historyOf([api, db, other]), ['shop'], 3);
    assert.deepEqual(
      transitions.map((t) => [t.at, t.service, t.status, t.explanation?.label]),
      [
        [300, 'api', 'unhealthy', 'HTTP 503'],
        [250, 'db', 'healthy', undefined],
        [200, 'api', 'healthy', undefined],
      ],
    );
  });

  it("a change is explained by the container's newest probe up to it, however long before, if that one failed", () => {
    // Recorded from a list after a reconnect, an interval or more after the failure.
    assert.equal(explainAt(api, 'a', 300 + 60_000)?.explanation.label, 'HTTP 503');
    assert.equal(explainAt(api, 'other-container', 300), undefined);
    // The event's change comes before the inspect with the failures: the newest probe known passed.
    const passedLast: ServiceLane = { ...api, probes: [...api.probes, { containerId: 'a', start: 310, end: 320, exitCode: 0, output: '' }] };
    assert.equal(explainAt(passedLast, 'a', 400), undefined);
    // A probe that ended after the change (beyond the clocks' slack) is not what caused it.
    assert.equal(explainAt(api, 'a', 299 - 1001), undefined);
  });
});
