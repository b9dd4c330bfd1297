import { classifyProbe } from '../core/history/classify';
import { lingeringText } from '../core/probe/runProbe';
import type { ContainerRun } from './probeResults';

/**
 * The log entry for one probe: container, command (as argv, exactly what ran), outcome and duration
 * on the first line, then the full output. The log channel adds the time to every entry.
 */
export function formatProbeLog(service: string, run: ContainerRun, fromImage: boolean): string {
  const where = `Probe ${service} in ${run.containerName} (${run.containerId.slice(0, 12)})`;
  const command = `${JSON.stringify(run.argv)}${fromImage ? " (the image's HEALTHCHECK command)" : ''}`;
  const o = run.outcome;
  switch (o.kind) {
    case 'result': {
      const verdict = o.exitCode === 0 ? 'healthy' : o.exitCode === 2 ? 'unhealthy (exit 2 is reserved by Docker)' : 'unhealthy';
      const body = o.output === '' ? '(no output)' : o.output.replace(/\n$/, '');
      const ending = o.timedOut ? `; ${stopped(o.lingering)}` : '';
      // The output names the tool (the argv here is what was exec'd: `/bin/sh -c …` for CMD-SHELL).
      const why = classifyProbe({ exitCode: o.exitCode, output: o.output });
      const reason = why ? `\n  Why: ${why.label} — ${why.advice}` : '';
      return `${where}: ${command} → exit ${o.exitCode}, ${verdict}, ${Math.round(o.durationMs)} ms${ending}${reason}\n${indent(body)}`;
    }
    case 'cancelled':
      return `${where}: ${command} → cancelled after ${Math.round(o.durationMs)} ms; ${stopped(o.lingering)}`;
    case 'error':
      return `${where}: ${command} → ${o.message}`;
  }
}

/** What became of a stopped probe's process: ended, as Docker's monitor ends it, or why it may not be. */
function stopped(lingering: string | undefined): string {
  return lingering === undefined ? "its process was ended, as Docker's monitor ends a probe past its timeout" : `WARNING: ${lingeringText(lingering)}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
