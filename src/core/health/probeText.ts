import { effectiveHealthcheck, type HealthcheckSpec } from '../compose/healthcheckSpec';
import { formatDuration } from '../compose/duration';
import type { ContainerDetails, ProbeResult } from '../engine/types';
import { classifyProbe } from '../history/classify';

/** How long a probe ran, from the engine's timestamps; undefined if they cannot be read. */
export function probeDurationMs(probe: ProbeResult): number | undefined {
  const start = Date.parse(probe.start);
  const end = Date.parse(probe.end);
  return Number.isFinite(start) && Number.isFinite(end) ? Math.max(0, end - start) : undefined;
}

/** `14:03:21` in local time, or the raw text when it is not a timestamp. */
export function probeClock(probe: ProbeResult): string {
  const t = new Date(probe.start);
  if (Number.isNaN(t.getTime())) return probe.start;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(t.getHours())}:${two(t.getMinutes())}:${two(t.getSeconds())}`;
}

/** `exit 1 · 34 ms` */
export function probeSummary(probe: ProbeResult): string {
  const ms = probeDurationMs(probe);
  return ms === undefined ? `exit ${probe.exitCode}` : `exit ${probe.exitCode} · ${ms} ms`;
}

/** The first lines of a probe's output, each shortened, for tooltips. */
export function cutOutput(output: string, maxLines = 4, maxLineLength = 160): { text: string; cut: boolean } {
  const lines = output.replace(/\s+$/, '').split(/\r?\n/);
  let cut = lines.length > maxLines;
  const kept = lines.slice(0, maxLines).map((line) => {
    if (line.length <= maxLineLength) return line;
    cut = true;
    return `${line.slice(0, maxLineLength)}…`;
  });
  return { text: kept.join('\n'), cut };
}

/** A healthcheck test as a person reads it: the shell command for CMD-SHELL, the argv for CMD. */
export function formatTest(test: readonly string[] | undefined): string {
  if (!test || test.length === 0) return '(the image’s HEALTHCHECK)';
  const [kind, ...rest] = test;
  if (kind === 'NONE') return 'NONE (disabled)';
  if (kind === 'CMD-SHELL') return rest.join(' ');
  if (kind === 'CMD') return JSON.stringify(rest);
  return JSON.stringify(test);
}

/** `every 30s · timeout 30s · start period 0s · 3 retries`, with the engine's defaults filled in. */
export function formatTiming(spec: HealthcheckSpec | undefined): string {
  const e = effectiveHealthcheck(spec);
  const parts = [`every ${formatDuration(e.intervalNs)}`, `timeout ${formatDuration(e.timeoutNs)}`, `start period ${formatDuration(e.startPeriodNs)}`];
  if (spec?.startIntervalNs) parts.push(`start interval ${formatDuration(e.startIntervalNs)}`);
  parts.push(`${e.retries} ${e.retries === 1 ? 'retry' : 'retries'}`);
  return parts.join(' · ');
}

/** The full health log of a container as a plain-text document (Show Probe Log). */
export function renderProbeLog(details: ContainerDetails): string {
  const out: string[] = [];
  out.push(`Container ${details.name} (${details.id.slice(0, 12)}) — ${details.compose.project} / ${details.compose.service}`);
  out.push(`Status: ${details.state}${details.health !== 'none' ? `, ${details.health}` : ''}; failing streak ${details.failingStreak}`);
  if (details.healthcheck) {
    out.push(`Healthcheck: ${details.healthcheck.test?.[0] ?? ''} ${formatTest(details.healthcheck.test)}`);
    out.push(`Timing: ${formatTiming(details.healthcheck)}`);
  } else {
    out.push('Healthcheck: none');
  }
  out.push('', `Last ${details.probeLog.length} probe${details.probeLog.length === 1 ? '' : 's'} (the engine keeps 5), newest last:`);
  for (const probe of details.probeLog) {
    const why = classifyProbe({ exitCode: probe.exitCode, output: probe.output, test: details.healthcheck?.test });
    // `other` is labelled `exit N`, which the summary says already.
    out.push('', `── ${probe.start} · ${probeSummary(probe)}${why && why.kind !== 'other' ? ` · ${why.label}` : ''}`);
    if (why) out.push(`   Why: ${why.advice}`);
    out.push(probe.output.replace(/\s+$/, '') || '(no output)');
  }
  return `${out.join('\n')}\n`;
}
