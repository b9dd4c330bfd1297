/** Median wall time of `fn` in milliseconds after `warmup` unmeasured runs (warm: JIT and caches settled). */
export function medianMs(fn: () => unknown, runs: number, warmup = Math.min(runs, 10)): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  return times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
}
