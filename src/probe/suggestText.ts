import type { SuggestProgress, TriedCandidate } from '../core/suggest/suggest';

// Pure: the words of the "Suggest a healthcheck" command (progress, log, preview), kept free of the
// vscode module so they are unit-tested in plain Node; suggestCommand.ts shows them.

/** The progress notification's message for each step of suggestHealthcheck. */
export function suggestProgressMessage(progress: SuggestProgress): string {
  switch (progress.kind) {
    case 'discovering':
      return 'looking at what the container can run and where it listens…';
    case 'trying':
      return `trying ${progress.index + 1}/${progress.total}: ${progress.candidate.description}`;
    case 'waiting':
      return `nothing passed yet; the container started recently, waiting for it (${Math.round(progress.elapsedMs / 1000)} of ${Math.round(progress.limitMs / 1000)} s)…`;
    case 'measuring':
      return `passed; running it again to measure it: ${progress.candidate.description}`;
  }
}

/**
 * One log entry per candidate tried: the test exactly as it ran (argv), its exit code, duration and how
 * many times it ran on the first line, then its full output indented (the log channel adds the time).
 */
export function formatTriedLog(service: string, containerName: string, tried: TriedCandidate): string {
  const exit = tried.exitCode === null ? 'no exit code' : `exit ${tried.exitCode}`;
  const runs = tried.runs > 1 ? `, ${tried.runs} runs` : '';
  const timedOut = tried.timedOut ? ', timed out' : '';
  const body = tried.output === '' ? '(no output)' : tried.output.replace(/\n$/, '');
  const indented = body
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
  return `Suggest ${service} in ${containerName}: ${tried.description}: ${JSON.stringify(tried.test)} → ${exit}, ${Math.round(tried.durationMs)} ms${runs}${timedOut}\n${indented}`;
}

/** The one span that differs between two texts, so the edit (and its undo) touches only those lines. */
export function minimalChange(before: string, after: string): { start: number; end: number; text: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < before.length - start && tail < after.length - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}
