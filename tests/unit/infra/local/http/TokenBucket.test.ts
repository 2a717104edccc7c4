import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../../../infra/local/http/TokenBucket.ts';

describe('TokenBucket (API Gateway throttling)', () => {
  it('starts full: lets a burst through, then says how long until the next token', () => {
    const bucket = new TokenBucket({ rateLimit: 4, burstLimit: 3 }, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([0, 0, 0]);
    expect(bucket.take(0)).toBe(250);
    expect(bucket.take(100)).toBe(150);
  });

  it('refills at the rate, continuously, and lets exactly what was refilled through', () => {
    const bucket = new TokenBucket({ rateLimit: 4, burstLimit: 1 }, 0);
    expect(bucket.take(0)).toBe(0);
    expect(bucket.take(249)).toBeGreaterThan(0);
    expect(bucket.take(250)).toBe(0);
    expect(bucket.take(250)).toBe(250);
  });

  it('never holds more than the burst, however long it stayed idle', () => {
    const bucket = new TokenBucket({ rateLimit: 100, burstLimit: 2 }, 0);
    const hourLater = 3_600_000;
    expect([bucket.take(hourLater), bucket.take(hourLater)]).toEqual([0, 0]);
    expect(bucket.take(hourLater)).toBe(10);
  });

  it('handles a rate below one request per second', () => {
    const bucket = new TokenBucket({ rateLimit: 0.5, burstLimit: 1 }, 0);
    expect(bucket.take(0)).toBe(0);
    expect(bucket.take(0)).toBe(2000);
    expect(bucket.take(2000)).toBe(0);
  });

  it('neither refills nor drains when the clock steps back', () => {
    const bucket = new TokenBucket({ rateLimit: 1, burstLimit: 1 }, 10_000);
    expect(bucket.take(10_000)).toBe(0);
    expect(bucket.take(5_000)).toBe(1000);
    expect(bucket.take(11_000)).toBe(0);
  });
});
