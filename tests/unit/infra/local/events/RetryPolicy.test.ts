import { describe, expect, it } from 'vitest';
import { RetryPolicy } from '../../../../../infra/local/events/RetryPolicy.ts';

const bounds = { maxRetries: 3, maxEventAgeSeconds: 3_600 };

describe('RetryPolicy', () => {
  it('backs off exponentially, jittered below the ceiling', () => {
    const policy = new RetryPolicy({ baseDelayMs: 1_000, random: () => 1 });
    expect(policy.decide(bounds, 1, 0)).toEqual({ retry: true, delayMs: 1_000 });
    expect(policy.decide(bounds, 2, 0)).toEqual({ retry: true, delayMs: 2_000 });
    expect(policy.decide(bounds, 3, 0)).toEqual({ retry: true, delayMs: 4_000 });
    const jittered = new RetryPolicy({ baseDelayMs: 1_000, random: () => 0.25 });
    expect(jittered.decide(bounds, 3, 0)).toEqual({ retry: true, delayMs: 1_000 });
  });

  it('caps the delay', () => {
    const policy = new RetryPolicy({ baseDelayMs: 1_000, maxDelayMs: 5_000, random: () => 1 });
    expect(policy.decide({ maxRetries: 100, maxEventAgeSeconds: 86_400 }, 20, 0)).toEqual({
      retry: true,
      delayMs: 5_000,
    });
  });

  it('gives up after maxRetries retries', () => {
    const policy = new RetryPolicy({ random: () => 0.5 });
    expect(policy.decide(bounds, 3, 0).retry).toBe(true);
    expect(policy.decide(bounds, 4, 0)).toEqual({ retry: false, condition: 'MaximumRetryAttempts' });
    expect(new RetryPolicy().decide({ maxRetries: 0, maxEventAgeSeconds: 60 }, 1, 0)).toEqual({
      retry: false,
      condition: 'MaximumRetryAttempts',
    });
  });

  it('gives up when the next retry would exceed the maximum event age', () => {
    const policy = new RetryPolicy({ baseDelayMs: 1_000, random: () => 1 });
    expect(policy.decide({ maxRetries: 10, maxEventAgeSeconds: 60 }, 1, 59_500)).toEqual({
      retry: false,
      condition: 'MaximumEventAgeInSeconds',
    });
  });

  it('scales waits and ages with the time scale', () => {
    const policy = new RetryPolicy({ baseDelayMs: 1_000, timeScale: 0.001, random: () => 1 });
    expect(policy.decide(bounds, 2, 0)).toEqual({ retry: true, delayMs: 2 });
    // 60 s of event age last 60 ms at this scale.
    expect(policy.decide({ maxRetries: 10, maxEventAgeSeconds: 60 }, 1, 59.5)).toMatchObject({
      retry: false,
    });
  });
});
