import type { ThrottleModel } from '../../../shared/platformModel/PlatformModel.ts';

/**
 * API Gateway's throttling algorithm: a bucket of `burstLimit` tokens, refilled continuously at `rateLimit`
 * tokens per second, starting full; each request takes one, and a request that finds none is refused.
 * Time comes from the caller, so tests drive it without waiting.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly limits: ThrottleModel,
    nowMs: number,
  ) {
    this.tokens = limits.burstLimit;
    this.updatedAt = nowMs;
  }

  /** Takes a token: `0` when one was there, else how many milliseconds until the next one. */
  take(nowMs: number): number {
    // A clock that steps back (tests, NTP) refills nothing rather than draining the bucket.
    const elapsedMs = Math.max(0, nowMs - this.updatedAt);
    this.tokens = Math.min(this.limits.burstLimit, this.tokens + (elapsedMs / 1000) * this.limits.rateLimit);
    this.updatedAt = Math.max(this.updatedAt, nowMs);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) / this.limits.rateLimit) * 1000);
  }
}
