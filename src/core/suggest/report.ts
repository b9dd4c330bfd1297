import type { ComposeHealthcheck, SuggestResult } from './suggest';

/** One service's answer in the CLI's JSON (and the shape the editor's preview and log show). */
export interface SuggestionReport {
  file: string;
  service: string;
  container: string;
  healthcheck: ComposeHealthcheck | null;
  verified?: { exitCode: number; durationMs: number; output: string };
  /** Why nothing is suggested (only with `healthcheck: null`). */
  reason?: string;
  basis: string[];
  tried: Array<{ test: string[]; description: string; exitCode: number | null; durationMs: number; output: string; timedOut: boolean; runs: number }>;
  /** Set by --apply: the file the healthcheck was written into. */
  appliedTo?: string;
}

export function suggestionReport(file: string, service: string, containerName: string, result: SuggestResult): SuggestionReport {
  const tried = result.tried.map((t) => ({
    test: t.test,
    description: t.description,
    exitCode: t.exitCode,
    durationMs: Math.round(t.durationMs),
    output: t.output,
    timedOut: t.timedOut,
    runs: t.runs,
  }));
  if (!result.ok) {
    const basis = result.discovery ? [`programs found: ${[...result.discovery.tools.keys()].join(', ') || 'none'}`] : [];
    return { file, service, container: containerName, healthcheck: null, reason: result.reason, basis, tried };
  }
  return {
    file,
    service,
    container: containerName,
    healthcheck: result.healthcheck,
    verified: { exitCode: 0, durationMs: Math.round(result.verified.durationMs), output: result.verified.output },
    basis: result.basis,
    tried,
  };
}
