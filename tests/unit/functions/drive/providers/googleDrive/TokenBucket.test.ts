import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../../../../functions/drive/providers/googleDrive/TokenBucket.ts';
import { fakePacing } from '../../../../../helpers/fakePacing.ts';

describe('TokenBucket', () => {
  it('lets a burst of `capacity` through, then one request per refill interval', async () => {
    const pacing = fakePacing();
    const bucket = new TokenBucket(pacing, { capacity: 3, refillPerSecond: 10 });
    for (let i = 0; i < 6; i++) await bucket.take();
    expect(pacing.sleeps).toEqual([100, 100, 100]);
  });

  it('refills while idle, never beyond capacity', async () => {
    const pacing = fakePacing();
    const bucket = new TokenBucket(pacing, { capacity: 2, refillPerSecond: 1 });
    await bucket.take();
    await bucket.take();
    pacing.advance(60_000);
    await bucket.take();
    await bucket.take();
    expect(pacing.sleeps).toEqual([]);
    await bucket.take();
    expect(pacing.sleeps).toEqual([1000]);
  });

  it('serves concurrent callers in order, each waiting its turn', async () => {
    const pacing = fakePacing();
    const bucket = new TokenBucket(pacing, { capacity: 1, refillPerSecond: 2 });
    const order: number[] = [];
    await Promise.all([0, 1, 2].map((i) => bucket.take().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2]);
    expect(pacing.sleeps).toEqual([500, 500]);
  });

  it('refuses a bucket that could never let a request through', () => {
    expect(() => new TokenBucket(fakePacing(), { capacity: 0 })).toThrow(RangeError);
    expect(() => new TokenBucket(fakePacing(), { refillPerSecond: 0 })).toThrow(RangeError);
  });
});
