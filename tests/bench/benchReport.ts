import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Bench } from 'tinybench';

/**
 * Prints a tinybench run as a table. A task that threw has no result: that fails the bench loudly instead of
 * printing "n/a" for a number nobody measured.
 */
export const printBenchTable = (bench: Bench, title: string, unit: 'ns' | 'µs'): void => {
  const rows = bench.tasks.map((task) => {
    const result = task.result;
    if (result === undefined || !('throughput' in result)) {
      throw new Error(`Benchmark task "${task.name}" produced no measurement (it threw, or never ran)`);
    }
    const meanMs = result.latency.mean;
    return {
      task: task.name,
      'ops/s': Math.round(result.throughput.mean).toLocaleString('en-US'),
      [`mean (${unit})`]:
        unit === 'ns' ? Math.round(meanMs * 1e6).toLocaleString('en-US') : (meanMs * 1e3).toFixed(2),
      samples: result.latency.samplesCount,
    };
  });
  console.log(`\n${title}`);
  console.table(rows);
};

/** Runs `bench` when its file is executed directly (`npx tsx tests/bench/x.bench.ts`), not when imported. */
export const runWhenMain = async (moduleUrl: string, bench: () => Promise<void>): Promise<void> => {
  const invokedPath = process.argv[1];
  if (invokedPath !== undefined && realpathSync(invokedPath) === realpathSync(fileURLToPath(moduleUrl))) {
    await bench();
  }
};
