import { describe, expect, it } from 'vitest';
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
});
