import { describe, expect, it } from 'vitest';
import { cachedRead } from '../../../../../shared/runtime/caching/cachedRead.ts';

const counter = () => {
  let calls = 0;
  return {
    read: async () => {
      calls += 1;
      return calls;
    },
    calls: () => calls,
  };
};

describe('cachedRead', () => {
  it('reads once within the window and again once it has passed', async () => {
    let clock = 1_000;
    const source = counter();
    const read = cachedRead(source.read, { ttlMs: 5_000, now: () => clock });
    expect(await read()).toBe(1);
    clock += 4_999;
    expect(await read()).toBe(1);
    clock += 1;
    expect(await read()).toBe(2);
    expect(source.calls()).toBe(2);
  });

  it('lets concurrent callers share the read in flight', async () => {
    const source = counter();
    const read = cachedRead(source.read, { ttlMs: 5_000, now: () => 0 });
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1]);
    expect(source.calls()).toBe(1);
  });

  it('keeps no failure: the next call reads again', async () => {
    let fail = true;
    let calls = 0;
    const read = cachedRead(
      async () => {
        calls += 1;
        if (fail) throw new Error('catalog unavailable');
        return 'modules';
      },
      { ttlMs: 5_000, now: () => 0 },
    );
    await expect(read()).rejects.toThrow('catalog unavailable');
    fail = false;
    expect(await read()).toBe('modules');
    expect(calls).toBe(2);
  });
});
