import { describe, expect, it } from 'vitest';
import { ScheduledWork } from '../../../../../infra/local/work/ScheduledWork.ts';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('ScheduledWork', () => {
  it('starts items due now on the next turn, in the order scheduled, not before', async () => {
    const started: number[] = [];
    const work = new ScheduledWork<number>(async (n) => {
      started.push(n);
    });
    work.schedule(1);
    work.schedule(2);
    work.schedule(3);
    expect(started).toEqual([]);
    expect(work.pending).toBe(3);
    await work.idle();
    expect(started).toEqual([1, 2, 3]);
    expect(work.pending).toBe(0);
  });

  it('tells running items from waiting ones', async () => {
    let release = () => {};
    const work = new ScheduledWork<string>(
      (item) =>
        new Promise<void>((resolve) => {
          if (item === 'slow') release = resolve;
          else resolve();
        }),
    );
    work.schedule('slow');
    work.schedule('later', 10_000);
    expect([work.runningCount, work.pending]).toEqual([0, 2]);
    await nextTurn();
    expect([work.runningCount, work.pending]).toEqual([1, 2]);
    release();
    await nextTurn();
    expect([work.runningCount, work.pending]).toEqual([0, 1]);
    await work.stop(0);
  });

  it('keeps items due now but not started yet when a stop comes first, and runs none of them', async () => {
    const started: number[] = [];
    const work = new ScheduledWork<number>(async (n) => {
      started.push(n);
    });
    work.schedule(1);
    work.schedule(2, 10_000);
    expect(await work.stop(0)).toEqual([1, 2]);
    await nextTurn();
    expect(started).toEqual([]);
  });

  it('schedules items scheduled while others start (a retry from a running item) on a later turn', async () => {
    const started: string[] = [];
    const work = new ScheduledWork<string>(async (item) => {
      started.push(item);
      if (item === 'first') work.schedule('again');
    });
    work.schedule('first');
    await nextTurn();
    expect(started).toEqual(['first']);
    await work.idle();
    expect(started).toEqual(['first', 'again']);
  });
});
