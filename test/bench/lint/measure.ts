/** Wall time of one call in milliseconds. */
function timeMs(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * CPU time of one call in milliseconds (user + system, of the whole process: its GC threads too). On a
 * shared machine wall time also counts the time spent waiting for a core, which swings with the load.
 */
function cpuMs(fn: () => unknown): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e3;
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
export function pairedMedianMs(a: () => unknown, b: () => unknown, runs: number, warmup = 3, clock: 'wall' | 'cpu' = 'wall'): [number, number] {
  const time = clock === 'cpu' ? cpuMs : timeMs;
  for (let i = 0; i < warmup; i++) {
    a();
    b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    ta.push(time(a));
    tb.push(time(b));
  }
  return [median(ta), median(tb)];
}
