import * as assert from 'node:assert/strict';
import { timingFindings, timingHover, timingSites } from '../../../src/core/advice/timingInFile';
import { analyzeCompose } from '../../../src/core/compose/analyze';
import { modelOf } from '../../../src/core/compose/load';
import { imageChecksOf } from '../../../src/core/dockerfile/imageCheck';
import { parseDockerfile } from '../../../src/core/dockerfile/parse';
import type { ServiceLane } from '../../../src/core/history/model';
import { serviceTiming } from '../../../src/core/history/timing';

const FILE = `services:
  api:
    image: shop/api
    healthcheck:
      test: ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"]
      interval: 5s
      timeout: 1s
      start_period: 5s
  worker:
    image: shop/worker
    healthcheck:
      test: ["CMD-SHELL", "test -f /tmp/ready"]
  quiet:
    image: x
`;

const T0 = 1_700_000_000_000;
/** A start that took 23 s, failing probes after the 5 s start period, and probes near a 1 s timeout. */
function slowLane(service: string): ServiceLane {
  const probes = [2, 8, 14, 20].map((s, i) => ({ containerId: 'c', start: T0 + s * 1000, end: T0 + s * 1000 + 900, exitCode: i < 3 ? 1 : 0, output: '' }));
  probes.push({ containerId: 'c', start: T0 + 26_000, end: T0 + 26_950, exitCode: 0, output: '' });
  return { project: 'shop', service, marks: [], probes, changes: [{ at: T0, containerId: 'c', status: 'starting' }, { at: T0 + 23_000, containerId: 'c', status: 'healthy' }] };
}

describe('timing advice in a compose file', () => {
  const analysis = analyzeCompose(FILE, { fileName: '/w/compose.yaml' });
  const sites = timingSites(analysis);
  const at = (r: { start: number; end: number }) => FILE.slice(r.start, r.end);

  it('finds the written timing keys and their values from the shared analysis', () => {
    assert.deepEqual(sites.map((s) => s.service), ['api', 'worker']);
    assert.deepEqual(sites[0].keys.map((k) => [k.key, at(k.keyRange), k.valueRange && at(k.valueRange)]), [
      ['interval', 'interval', '5s'],
      ['timeout', 'timeout', '1s'],
      ['start_period', 'start_period', '5s'],
    ]);
    assert.deepEqual(sites[1].keys, []);
  });

  it('advises on the written value, with the edit of its quick fix', () => {
    const findings = timingFindings(sites, (service) => (service === 'api' ? serviceTiming(slowLane('api')) : undefined));
    assert.deepEqual(findings.map((f) => [f.advice.kind, at(f.range), f.edit?.newText]), [
      ['start-period', '5s', '25s'],
      ['timeout', '1s', '2s'],
    ]);
  });

  it('inserts the key when the healthcheck does not write it, at the block’s indentation', () => {
    const findings = timingFindings(sites, (service) => (service === 'worker' ? serviceTiming(slowLane('worker')) : undefined));
    const startPeriod = findings.find((f) => f.advice.kind === 'start-period')!;
    assert.equal(at(startPeriod.range), 'healthcheck');
    const edited = FILE.slice(0, startPeriod.edit!.range.start) + startPeriod.edit!.newText + FILE.slice(startPeriod.edit!.range.end);
    assert.match(edited, /healthcheck:\n {6}start_period: 25s\n {6}test: \["CMD-SHELL"/);
    // The default timeout (30 s) is far above what was measured.
    assert.equal(findings.some((f) => f.advice.kind === 'timeout'), false);
  });

  it('hovers show measured beside configured', () => {
    const timing = serviceTiming(slowLane('api'));
    const [interval, timeout, startPeriod] = sites[0].keys;
    assert.match(timingHover(startPeriod, sites[0].spec, timing)!, /Start → healthy: p50 \*\*23 s\*\*, p95 \*\*23 s\*\*, max 23 s over 1 start\n- Configured start_period: \*\*5s\*\*/);
    assert.match(timingHover(timeout, sites[0].spec, timing)!, /p95 \*\*950 ms\*\*.*\n- Configured timeout: \*\*1s\*\* \(p95 is 95 % of it\)/);
    assert.match(timingHover(interval, sites[0].spec, timing)!, /Time between probes: p50 \*\*6 s\*\*.*\n- Configured interval: \*\*5s\*\*/);
  });

  it('takes what the file leaves unset from the image\'s HEALTHCHECK in the workspace Dockerfile, as the engine does', () => {
    const file = 'services:\n  worker:\n    build: .\n    healthcheck:\n      test: ["CMD-SHELL", "test -f /tmp/ready"]\n';
    const read = (p: string) => (p === '/w/Dockerfile' ? 'FROM busybox\nHEALTHCHECK --start-period=40s --timeout=1s CMD true\n' : undefined);
    const built = analyzeCompose(file, { fileName: '/w/compose.yaml', readFile: read });
    const withImage = timingSites(built, imageChecksOf(modelOf(built), read, parseDockerfile));
    assert.deepEqual(withImage[0].image, { test: ['CMD-SHELL', 'true'], startPeriodNs: 40e9, timeoutNs: 1e9 });
    const kinds = (s: typeof withImage) => timingFindings(s, () => serviceTiming(slowLane('worker'))).map((f) => f.advice.kind);
    // The image's 40 s start period covers the 23 s start; its 1 s timeout is close to the 950 ms probes.
    assert.deepEqual(kinds(withImage), ['timeout']);
    assert.deepEqual(kinds(timingSites(built)), ['start-period'], 'without the image: the 0 s default start period, the 30 s default timeout');
  });
});

