/** Where a breaker stands: calls flow (closed), are refused (open), or one trial call may go (half-open). */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** When a breaker opens and how long it stays open. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. @default 5 */
  readonly failureThreshold?: number;
  /** How long the circuit stays open before one trial call is let through. @default 30000 */
  readonly coolDownMs?: number;
  readonly now?: () => number;
}

/**
 * A per-target circuit breaker: after `failureThreshold` consecutive failures it refuses calls for
 * `coolDownMs`, then lets a single trial through; success closes it, failure opens it again. A failing
 * dependency then costs callers nothing instead of a timeout each.
 *
 * @example
 * ```ts
 * if (!breaker.tryAcquire()) throw new ServiceUnavailableError();
 * try { await call(); breaker.recordSuccess(); } catch (e) { breaker.recordFailure(); throw e; }
 * ```
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;
  private readonly failureThreshold: number;
  private readonly coolDownMs: number;
  private readonly now: () => number;

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = Math.max(1, options.failureThreshold ?? 5);
    this.coolDownMs = options.coolDownMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.coolDownMs ? 'half-open' : 'open';
  }

  /** Whether a call may go now; in half-open, only the first caller gets the trial. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  recordSuccess(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  /** Gives back a half-open trial that never reached the target (e.g. the catalog failed): no verdict. */
  abandonTrial(): void {
    this.trialInFlight = false;
  }

  recordFailure(): void {
    this.failures += 1;
    if (this.trialInFlight || this.failures >= this.failureThreshold) this.openedAt = this.now();
    this.trialInFlight = false;
  }
}
