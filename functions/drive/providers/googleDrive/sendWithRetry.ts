import { isPlatformError } from '../../../../shared/runtime/errors/PlatformError.ts';
import { DriveUnavailableError } from './driveErrors.ts';
import type { Pacing } from './pacing.ts';
import {
  backoffDelayMs,
  googleErrorReason,
  isRetryableAnswer,
  type RetryPolicy,
  retryAfterMs,
} from './retryPolicy.ts';

/** A final answer: a success (body unread) or a refusal that retrying will not change (body read). */
export interface FinalAnswer {
  readonly response: Response;
  /** The parsed error body of a refusal, `null` for a success or a body that is not JSON. */
  readonly errorBody: unknown;
  /** The error's reason (`notFound`, `insufficientFilePermissions`...), when it gave one. */
  readonly reason: string | null;
}

const readErrorBody = async (response: Response): Promise<unknown> => {
  try {
    return await response.json();
  } catch {
    return null;
  }
};

/**
 * Sends a request until it gets an answer worth keeping. Rate limits (403 `rateLimitExceeded` /
 * `userRateLimitExceeded`, 429), 5xx and network failures are retried with full-jitter backoff, never
 * sooner than `Retry-After`; after `policy.maxAttempts`, or when `Retry-After` asks for longer than the
 * policy allows, {@link DriveUnavailableError}. Every other answer is returned as is.
 *
 * @example
 * ```ts
 * const answer = await sendWithRetry('files.list', () => fetch(url, init), policy, realPacing);
 * if (!answer.response.ok) throw new DriveRequestError('files.list', answer.response.status, answer.reason);
 * ```
 */
export const sendWithRetry = async (
  operation: string,
  attempt: () => Promise<Response>,
  policy: RetryPolicy,
  pacing: Pacing,
): Promise<FinalAnswer> => {
  for (let n = 1; ; n++) {
    let status: number | null = null;
    let reason: string | null = null;
    let wait: number | null = null;
    let failure: unknown;
    try {
      const response = await attempt();
      if (response.ok) return { response, errorBody: null, reason: null };
      const errorBody = await readErrorBody(response);
      status = response.status;
      reason = googleErrorReason(errorBody);
      if (!isRetryableAnswer(status, reason)) return { response, errorBody, reason };
      wait = retryAfterMs(response.headers.get('retry-after'), pacing.now());
    } catch (error) {
      // A typed error (no token for the account) is final; fetch rejects on network failures and on our
      // own timeout, and those are worth another try.
      if (isPlatformError(error)) throw error;
      failure = error;
    }
    if (n >= policy.maxAttempts || (wait !== null && wait > policy.maxRetryAfterMs)) {
      throw new DriveUnavailableError(operation, n, status, reason, failure);
    }
    await pacing.sleep(Math.max(wait ?? 0, backoffDelayMs(n, policy, pacing.random)));
  }
};
