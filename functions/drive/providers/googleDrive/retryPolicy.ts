/** How hard to insist when Google Drive asks to slow down or is unavailable. */
export interface RetryPolicy {
  /** Attempts in all, the first included. @default 5 */
  readonly maxAttempts: number;
  /** The ceiling of the first backoff; it doubles with each attempt. @default 500 */
  readonly baseDelayMs: number;
  /** No backoff ceiling grows past this. @default 16_000 */
  readonly maxDelayMs: number;
  /**
   * A `Retry-After` longer than this fails at once instead of waiting: a Lambda invocation cannot sit out a
   * minute, and the next sync will try again. @default 30_000
   */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 16_000,
  maxRetryAfterMs: 30_000,
};

/**
 * Exponential backoff with full jitter: a uniform wait between 0 and min(max, base × 2^(attempt−1)). Full
 * jitter spreads the retries of many clients that failed together, which is what a quota error is.
 *
 * @example backoffDelayMs(3, DEFAULT_RETRY_POLICY, Math.random); // somewhere in [0, 2000)
 */
export const backoffDelayMs = (attempt: number, policy: RetryPolicy, random: () => number): number =>
  Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));

/**
 * A `Retry-After` header in milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3); `null` when
 * absent or unreadable.
 *
 * @example retryAfterMs('3', Date.now()); // 3000
 */
export const retryAfterMs = (header: string | null, now: number): number | null => {
  if (header === null || header.trim() === '') return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
};

/** Reasons Google Drive gives in a 403 that mean "too many requests", not "not allowed". */
const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'RATE_LIMIT_EXCEEDED']);

/** The first reason of a Google API error body (`error.errors[].reason` or `error.details[].reason`). */
export const googleErrorReason = (body: unknown): string | null => {
  const error = (body as { error?: { errors?: unknown; details?: unknown; status?: unknown } } | null)?.error;
  if (error === undefined || error === null) return null;
  for (const list of [error.errors, error.details]) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const reason = (item as { reason?: unknown } | null)?.reason;
      if (typeof reason === 'string' && reason !== '') return reason;
    }
  }
  return typeof error.status === 'string' ? error.status : null;
};

/** Whether an answer asks to try again later: 429, any 5xx, or a 403 whose reason is a rate limit. */
export const isRetryableAnswer = (status: number, reason: string | null): boolean =>
  status === 429 || status >= 500 || (status === 403 && reason !== null && RATE_LIMIT_REASONS.has(reason));
