import type { ExhaustedRetryCondition } from '../deadLetters/DeadLetterStore.ts';

export interface RetryPolicyOptions {
  /** First retry waits up to this long (before jitter). @default 1000 */
  readonly baseDelayMs?: number;
  /** No retry waits longer than this. @default 60_000 */
  readonly maxDelayMs?: number;
  /**
   * Multiplies every wait and divides every measured age: 0.001 makes a minute of EventBridge time last
   * 60 ms, so tests see the real policy quickly. @default 1
   */
  readonly timeScale?: number;
  /** Source of jitter, replaceable in tests. @default Math.random */
  readonly random?: () => number;
}

/** One rule's bounds, from the model (`maxRetries`, `maxEventAgeSeconds`). */
export interface RetryBounds {
  readonly maxRetries: number;
  readonly maxEventAgeSeconds: number;
}

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly condition: ExhaustedRetryCondition };

/**
 * EventBridge's target retry policy: exponential backoff with full jitter, bounded by the number of retries
 * and by the event's age (whichever comes first), after which the event goes to the rule's dead-letter queue.
 */
export class RetryPolicy {
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly timeScale: number;
  private readonly random: () => number;

  constructor(options: RetryPolicyOptions = {}) {
    this.baseDelayMs = options.baseDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
    this.timeScale = options.timeScale ?? 1;
    this.random = options.random ?? Math.random;
  }

  /**
   * What to do after a failed attempt.
   * @param failedAttempts attempts made so far (1 after the first delivery failed)
   * @param ageMs real milliseconds since the bus received the event
   */
  decide(bounds: RetryBounds, failedAttempts: number, ageMs: number): RetryDecision {
    if (failedAttempts > bounds.maxRetries) return { retry: false, condition: 'MaximumRetryAttempts' };
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (failedAttempts - 1));
    const delayMs = this.random() * ceiling * this.timeScale;
    const maxAgeMs = bounds.maxEventAgeSeconds * 1000 * this.timeScale;
    if (ageMs + delayMs > maxAgeMs) return { retry: false, condition: 'MaximumEventAgeInSeconds' };
    return { retry: true, delayMs };
  }
}
