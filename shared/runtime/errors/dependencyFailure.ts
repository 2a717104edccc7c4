import { DependencyUnavailableError } from './upstreamErrors.ts';

// What the AWS SDK's own retry strategy calls transient (@smithy/core retry: NODEJS_TIMEOUT_ERROR_CODES,
// NODEJS_NETWORK_ERROR_CODES, TRANSIENT_ERROR_CODES and TRANSIENT_ERROR_STATUS_CODES). When such an error
// still reaches a handler, the SDK has retried and the service is not there: an outage, not a bug.
const NETWORK_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const TIMEOUT_ERROR_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const UNAVAILABLE_STATUSES = new Set([500, 502, 503, 504]);

/** How deep a chain of `cause`s is followed (wrappers such as Powertools idempotency's add one or two). */
const MAX_CAUSE_DEPTH = 5;

interface ErrorLike {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly cause?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

const isUnreachable = (error: ErrorLike): boolean =>
  NETWORK_ERROR_CODES.has(String(error.code)) ||
  TIMEOUT_ERROR_NAMES.has(String(error.name)) ||
  // An AWS service answering 5xx (its `$metadata` says the SDK made the call): unavailable for now.
  UNAVAILABLE_STATUSES.has(Number(error.$metadata?.httpStatusCode));

/**
 * The {@link DependencyUnavailableError} an error stands for when it (or what it wraps) is a call that could
 * not reach its service; `undefined` for any other error.
 */
export const dependencyUnavailableFrom = (error: unknown): DependencyUnavailableError | undefined => {
  let current: unknown = error;
  for (let depth = 0; depth <= MAX_CAUSE_DEPTH; depth++) {
    if (typeof current !== 'object' || current === null) return undefined;
    if (isUnreachable(current as ErrorLike)) return new DependencyUnavailableError(undefined, error);
    current = (current as ErrorLike).cause;
  }
  return undefined;
};
