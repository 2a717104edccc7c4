/**
 * The nearest-rank percentile of values sorted ascending: the smallest value with at least `p`% of the values at
 * or below it (p99 of 3,000 events: the 2,970th). NaN when there are none. Every bench's table uses this one
 * definition, so their p50s and p99s compare.
 */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
