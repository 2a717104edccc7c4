import { describe, expect, it } from 'vitest';
import { runBounded } from '../../../../../shared/runtime/websocket/runBounded.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('runBounded', () => {
  it("returns results in the items' order whatever order the tasks finish in", async () => {
    const results = await runBounded([30, 5, 15, 0], 4, async (ms, index) => {
      await sleep(ms);
      return `${index}:${ms}`;
    });
    expect(results).toEqual(['0:30', '1:5', '2:15', '3:0']);
  });

  it('starts the next item as soon as a slot frees, never exceeding the bound', async () => {
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    await runBounded([20, 1, 1, 1, 1], 2, async (ms, index) => {
      started.push(index);
      running += 1;
      peak = Math.max(peak, running);
      await sleep(ms);
      running -= 1;
    });
    expect(peak).toBe(2);
    // While item 0 sleeps, the second slot works through every short item.
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('rejects when a task rejects, and handles an empty list', async () => {
    await expect(
      runBounded([1, 2], 1, async (n) => {
        if (n === 2) throw new Error('boom');
        return n;
      }),
    ).rejects.toThrow('boom');
    expect(await runBounded([], 3, async () => 1)).toEqual([]);
  });
});
