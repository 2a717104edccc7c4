import { describe, expect, it } from 'vitest';
import {
  parseSchedstat,
  processSchedule,
  rowSchedule,
  scheduleBetween,
  scheduleCells,
  thisThreadSchedule,
} from '../../../bench/ThreadSchedule.ts';

describe('parseSchedstat', () => {
  it('reads run and run-queue wait (ns) as ms, and the time slices', () => {
    expect(parseSchedstat('1500000 2500000 7\n')).toEqual({ runMs: 1.5, waitMs: 2.5, slices: 7 });
  });

  it('refuses what is not a schedstat line', () => {
    expect(parseSchedstat('')).toBeUndefined();
    expect(parseSchedstat('1 2')).toBeUndefined();
    expect(parseSchedstat('1 2 3 4')).toBeUndefined();
    expect(parseSchedstat('a b c')).toBeUndefined();
    expect(parseSchedstat('1 -2 3')).toBeUndefined();
  });
});

describe('rowSchedule', () => {
  const row = rowSchedule({
    seconds: 2,
    platform: { runMs: 1_000, waitMs: 300, slices: 10 },
    publisher: { runMs: 800, waitMs: 100, slices: 5 },
    all: { runMs: 2_400, waitMs: 1_000, slices: 40 },
  });

  it('counts the other threads as the process less the platform and the publisher', () => {
    expect(row.threads.map((t) => t.name)).toEqual([
      "the platform's thread",
      'the publisher',
      'the other threads',
    ]);
    expect(row.threads[2]?.schedule).toEqual({ runMs: 600, waitMs: 600, slices: 25 });
  });

  it('gives each group ms on a core / ms waiting, per second of the row', () => {
    expect(scheduleCells(row)).toEqual(['500 / 150', '400 / 50', '300 / 300']);
  });
});

describe.runIf(process.platform === 'linux')("reading Linux's schedstat", () => {
  it("counts the calling thread's time on a core, and the process's at least as much", () => {
    const before = thisThreadSchedule();
    const processBefore = processSchedule();
    // CPU work the scheduler must account to this thread (a sleep would not count as run time).
    let spin = 0;
    const until = process.cpuUsage().user + 30_000;
    while (process.cpuUsage().user < until) spin++;
    const after = thisThreadSchedule();
    const processAfter = processSchedule();
    expect(spin).toBeGreaterThan(0);
    if (!before || !after || !processBefore || !processAfter) throw new Error('no schedstat on Linux');
    const thread = scheduleBetween(before, after);
    const all = scheduleBetween(processBefore, processAfter);
    expect(thread.runMs).toBeGreaterThan(10);
    expect(all.runMs).toBeGreaterThanOrEqual(thread.runMs);
  });
});
