import type { GcPause } from './GcPauseRecorder.ts';
import { percentile } from './percentile.ts';

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

/** A thread's collections to hold the slow events against, and which of an event's stages it could pause. */
export interface PausedThread {
  readonly name: string;
  readonly pauses: readonly GcPause[];
  /** The part of an event's way this thread is on (epoch ms). */
  readonly span: (s: StageSample) => readonly [from: number, to: number];
}

/** How the events slower than a threshold split by the collections that overlapped them. */
export interface SlowEvents {
  readonly slow: number;
  readonly of: number;
  readonly threads: readonly {
    readonly name: string;
    readonly collections: number;
    readonly longestMs: number;
    /** Slow events a collection of this thread overlapped. */
    readonly overlapped: number;
  }[];
  /** Slow events no thread's collection overlapped. */
  readonly overlappedByNone: number;
  /** The slow events' median of each stage, ms. */
  readonly medianStages: readonly { readonly stage: string; readonly ms: number }[];
  /** The slow events grouped into bursts: one stall makes every event behind it late until the backlog drains. */
  readonly bursts: Bursts;
}

/** Runs of slow events sent close together (each within {@link BURST_GAP_MS} of the previous slow one). */
export interface Bursts {
  readonly count: number;
  /** Slow events in the largest burst, and how long its sends spanned (ms). */
  readonly largest: number;
  readonly largestSpanMs: number;
  /** Slow events that came alone. */
  readonly single: number;
}

/** Slow events sent within this of the previous slow one belong to the same burst. */
export const BURST_GAP_MS = 15;

/** Groups slow events by their send time into {@link Bursts}. */
export const burstsOf = (slow: readonly StageSample[]): Bursts => {
  const sentAt = slow.map((s) => s.sentAt).sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const at of sentAt) {
    const last = runs.at(-1);
    const previous = last?.at(-1);
    if (last && previous !== undefined && at - previous <= BURST_GAP_MS) last.push(at);
    else runs.push([at]);
  }
  const largest = runs.reduce<number[]>((a, b) => (b.length > a.length ? b : a), []);
  return {
    count: runs.length,
    largest: largest.length,
    largestSpanMs: largest.length === 0 ? 0 : (largest.at(-1) ?? 0) - (largest[0] ?? 0),
    single: runs.filter((r) => r.length === 1).length,
  };
};

/**
 * Which of the events slower than `overMs` a garbage collection of each thread overlapped (or none did), and
 * their median stages: whether the tail is pauses, and on which thread, or waiting for a core.
 */
export const slowEvents = (
  samples: readonly StageSample[],
  threads: readonly PausedThread[],
  overMs: number,
): SlowEvents => {
  const slow = samples.filter((s) => s.startedAt - s.sentAt > overMs);
  const overlaps = (thread: PausedThread, s: StageSample): boolean => {
    const [from, to] = thread.span(s);
    return thread.pauses.some((p) => p.start < to && p.end > from);
  };
  return {
    slow: slow.length,
    of: samples.length,
    threads: threads.map((thread) => ({
      name: thread.name,
      collections: thread.pauses.length,
      longestMs: Math.max(0, ...thread.pauses.map((p) => p.end - p.start)),
      overlapped: slow.filter((s) => overlaps(thread, s)).length,
    })),
    overlappedByNone: slow.filter((s) => threads.every((t) => !overlaps(t, s))).length,
    medianStages: STAGES.map(([name, measure]) => ({
      stage: name.replace(/ \(.*\)$/, ''),
      ms: percentile(
        slow.map(measure).sort((a, b) => a - b),
        50,
      ),
    })),
    bursts: burstsOf(slow),
  };
};

/** Prints {@link slowEvents} as a table, so the next bottleneck of the tail is visible without guessing. */
export const printSlowEvents = (
  title: string,
  samples: readonly StageSample[],
  threads: readonly PausedThread[],
  overMs: number,
): void => {
  const report = slowEvents(samples, threads, overMs);
  console.log(`\n${title}: ${report.slow} of ${report.of} events over ${overMs} ms`);
  if (report.slow === 0) return;
  console.log('| of the slow events | count |');
  console.log('|---|---:|');
  for (const t of report.threads) {
    console.log(
      `| overlapping a collection of ${t.name} (${t.collections} in the run, longest ${t.longestMs.toFixed(1)} ms) | ${t.overlapped} |`,
    );
  }
  console.log(`| overlapping none | ${report.overlappedByNone} |`);
  const medians = report.medianStages.map(({ stage, ms }) => `${stage} ${ms.toFixed(1)}`);
  console.log(`Their median stages, ms: ${medians.join('; ')}`);
  const { bursts } = report;
  console.log(
    `They came in ${bursts.count} burst${bursts.count === 1 ? '' : 's'} (slow events sent within ${BURST_GAP_MS} ms of ` +
      `each other; ${bursts.single} alone): the largest ${bursts.largest} events over ${bursts.largestSpanMs.toFixed(0)} ms`,
  );
};
