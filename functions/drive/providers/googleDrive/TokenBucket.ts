import type { Pacing } from './pacing.ts';

/** How fast one service account may call Google Drive from this process. */
export interface TokenBucketOptions {
  /** Requests that may go at once after a quiet spell. @default 20 */
  readonly capacity?: number;
  /** Sustained requests per second. @default 10 */
  readonly refillPerSecond?: number;
}

/**
 * A client-side token bucket: Drive's quota is per user (here, per service account), and staying under it
 * is cheaper than being told off with 403 `userRateLimitExceeded`. Callers queue in order.
 *
 * @example
 * ```ts
 * const bucket = new TokenBucket(realPacing, { capacity: 20, refillPerSecond: 10 });
 * await bucket.take(); // then send the request
 * ```
 */
export class TokenBucket {
  private readonly capacity: number;
  private readonly refillPerMs: number;
  private tokens: number;
  private refilledAt: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly pacing: Pacing,
    options: TokenBucketOptions = {},
  ) {
    this.capacity = options.capacity ?? 20;
    this.refillPerMs = (options.refillPerSecond ?? 10) / 1000;
    if (!(this.capacity >= 1) || !(this.refillPerMs > 0)) {
      throw new RangeError('A token bucket needs a capacity of at least 1 and a positive refill rate');
    }
    this.tokens = this.capacity;
    this.refilledAt = pacing.now();
  }

  /** Resolves when the caller may send one request. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.takeInTurn());
    this.queue = turn;
    return turn;
  }

  private async takeInTurn(): Promise<void> {
    for (;;) {
      const now = this.pacing.now();
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.refilledAt) * this.refillPerMs);
      this.refilledAt = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.pacing.sleep(Math.ceil((1 - this.tokens) / this.refillPerMs));
    }
  }
}
