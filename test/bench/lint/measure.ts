/** Wall time of one call in milliseconds. */
function timeMs(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median wall time of `fn` in milliseconds after `warmup` unmeasured runs (warm: JIT and caches settled). */
export function medianMs(fn: () => unknown, runs: number, warmup = Math.min(runs, 10)): number {
  for (let i = 0; i < warmup; i++) fn();
  return median(Array.from({ length: runs }, () => timeMs(fn)));
}

/**
 * Medians of two functions measured in alternation, so that a change in machine load (the machine is
 * shared) hits both alike instead of skewing their ratio.
 */
export function pairedMedianMs(a: () => unknown, b: () => unknown, runs: number, warmup = 3): [number, number] {
  for (let i = 0; i < warmup; i++) {
    a();
    b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    ta.push(timeMs(a));
    tb.push(timeMs(b));
  }
  return [median(ta), median(tb)];
}
