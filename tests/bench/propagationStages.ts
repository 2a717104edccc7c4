/**
 * One delivered event's timestamps (epoch ms): the publisher's before its SDK call, the bus's on receipt and
 * when it handed the delivery out (the SQS record's `SentTimestamp` and `ApproximateFirstReceiveTimestamp`,
 * whole milliseconds), the handler's at entry.
 */
export interface StageSample {
  readonly sentAt: number;
  readonly busReceivedAt: number;
  readonly deliveredAt: number;
  readonly startedAt: number;
}

const STAGES: readonly [string, (s: StageSample) => number][] = [
  ['SDK → bus (sign, HTTP, PutEvents parsed)', (s) => s.busReceivedAt - s.sentAt],
  [
    'bus → delivery handed out (journal append, matching, scheduling)',
    (s) => s.deliveredAt - s.busReceivedAt,
  ],
  [
    'delivery → handler start (pool, message to the container, its wake-up)',
    (s) => s.startedAt - s.deliveredAt,
  ],
  ['total', (s) => s.startedAt - s.sentAt],
];

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;

/**
 * Prints where one row's propagation time goes, stage by stage (p50, p99, max). The bus's two stamps are
 * whole milliseconds (SQS's shape), so a stage next to them reads ±1 ms; the total is exact.
 */
export const printStageBreakdown = (title: string, samples: readonly StageSample[]): void => {
  console.log(`\n${title} (${samples.length} events; stages next to the bus's stamps are ±1 ms)`);
  console.log('| stage | p50 | p99 | max |');
  console.log('|---|---:|---:|---:|');
  for (const [name, measure] of STAGES) {
    const sorted = samples.map(measure).sort((a, b) => a - b);
    const cell = (n: number) => n.toFixed(1);
    console.log(
      `| ${name} | ${cell(percentile(sorted, 50))} | ${cell(percentile(sorted, 99))} | ${cell(sorted.at(-1) ?? Number.NaN)} |`,
    );
  }
};
