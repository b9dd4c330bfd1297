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
      const lingering = o.timedOut ? " (Docker's monitor kills a timed-out probe; the Engine API has no call for that, so the command may still be running in the container)" : '';
      return `${where}: ${command} → exit ${o.exitCode}, ${verdict}, ${Math.round(o.durationMs)} ms${lingering}\n${indent(body)}`;
    }
    case 'cancelled':
      return `${where}: ${command} → cancelled after ${Math.round(o.durationMs)} ms (the command may still be running in the container: the Engine API cannot stop an exec)`;
    case 'error':
      return `${where}: ${command} → ${o.message}`;
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
