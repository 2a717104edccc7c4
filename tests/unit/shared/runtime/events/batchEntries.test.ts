import { describe, expect, it } from 'vitest';
import { OversizedEntryError } from '../../../../../shared/runtime/events/batchEntries.ts';
import { batchEntries, entrySize } from '../../../../../shared/runtime/index.ts';

const entry = (detailBytes: number, id = 0) => ({
  Source: 'soleil.x',
  DetailType: 'x.y',
  Detail: `${id}`.padEnd(detailBytes, 'a'),
});

describe('batchEntries', () => {
  it('measures entries as EventBridge does (UTF-8 bytes, Resources, 14 for Time)', () => {
    expect(entrySize({ Source: 'ab', DetailType: 'c', Detail: 'é' })).toBe(5);
    expect(entrySize({ Source: 'ab', Resources: ['arn:1'], Time: new Date() })).toBe(2 + 5 + 14);
  });

  it('keeps order and never exceeds 10 entries or 256 KB per batch', () => {
    const entries = Array.from({ length: 57 }, (_, i) => entry(1000 + ((i * 7919) % 90_000), i));
    const batches = batchEntries(entries);
    expect(batches.flat()).toEqual(entries);
    for (const batch of batches) {
      expect(batch.length).toBeLessThanOrEqual(10);
      expect(batch.reduce((sum, e) => sum + entrySize(e), 0)).toBeLessThanOrEqual(256 * 1024);
    }
  });

  it('fills a batch exactly up to the byte limit', () => {
    const overhead = entrySize(entry(0));
    const half = entry(128 * 1024 - overhead);
    expect(batchEntries([half, half, half]).map((b) => b.length)).toEqual([2, 1]);
  });

  it('closes a batch at exactly 10 entries, by count alone', () => {
    const small = Array.from({ length: 21 }, (_, i) => entry(10, i));
    expect(batchEntries(small.slice(0, 10)).map((b) => b.length)).toEqual([10]);
    expect(batchEntries(small.slice(0, 11)).map((b) => b.length)).toEqual([10, 1]);
    expect(batchEntries(small).map((b) => b.length)).toEqual([10, 10, 1]);
    expect(batchEntries(small).flat()).toEqual(small);
  });

  it('closes a batch at the byte limit, by size alone, one byte either side', () => {
    // Source and DetailType; entry(n) has a Detail of n bytes (n ≥ 1).
    const overhead = entrySize({ Source: 'soleil.x', DetailType: 'x.y' });
    const quarter = 64 * 1024 - overhead;
    const exactly = [entry(quarter), entry(quarter), entry(quarter), entry(quarter)];
    expect(exactly.reduce((sum, e) => sum + entrySize(e), 0)).toBe(256 * 1024);
    expect(batchEntries(exactly).map((b) => b.length)).toEqual([4]);
    const oneOver = [entry(quarter), entry(quarter), entry(quarter), entry(quarter + 1)];
    expect(batchEntries(oneOver).map((b) => b.length)).toEqual([3, 1]);
    expect(batchEntries([entry(256 * 1024 - overhead)]).map((b) => b.length)).toEqual([1]);
    expect(() => batchEntries([entry(256 * 1024 - overhead + 1)])).toThrow(OversizedEntryError);
  });
});
