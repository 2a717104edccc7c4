import { dependencyUnavailableFrom } from './dependencyFailure.ts';
import { isPlatformError, type PlatformError, PROBLEM_TYPE_BASE } from './PlatformError.ts';
import type { FieldIssue } from './ValidationError.ts';

/** An RFC 9457 problem details body, as every HTTP error of the platform is returned. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  readonly correlationId?: string;
  readonly errors?: readonly FieldIssue[];
}

/** Media type of a {@link Problem} body. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const INTERNAL_DETAIL = 'Something went wrong on our side; quote the correlation id when reporting it.';

/**
 * The platform error an error is: itself, or — for a call that could not reach its dependency (an AWS SDK
 * connection refused, reset or timed out, a service answering 5xx) — a 503 `DependencyUnavailableError`.
 */
const asPlatformError = (error: unknown): PlatformError | undefined =>
  isPlatformError(error) ? error : dependencyUnavailableFrom(error);

/**
 * Seconds a client should wait before retrying, for the `Retry-After` header of the error's response; set
 * for outages (a dependency unavailable), `undefined` otherwise.
 */
export const retryAfterSeconds = (error: unknown): number | undefined =>
  asPlatformError(error)?.retryAfterSeconds;

/**
 * The ONE mapping from an error to a status and problem body. A {@link PlatformError} keeps its status,
 * type and (when exposable) detail; a dependency that could not be reached is a 503 (never a 500: nothing
 * is wrong with the request or the code); anything else is a 500 that reveals nothing about internals.
 *
 * @example
 * ```ts
 * toProblem(new NotFoundError('No such band'), { correlationId }); // { status: 404, type: '.../not-found', ... }
 * ```
 */
export const toProblem = (
  error: unknown,
  context: { readonly instance?: string; readonly correlationId?: string } = {},
): Problem => {
  const extras = {
    ...(context.instance === undefined ? {} : { instance: context.instance }),
    ...(context.correlationId === undefined ? {} : { correlationId: context.correlationId }),
  };
  const known = asPlatformError(error);
  if (known) {
    const issues = (known as { issues?: unknown }).issues;
    const errors = Array.isArray(issues) && issues.length > 0 ? { errors: issues as FieldIssue[] } : {};
    return {
      type: `${PROBLEM_TYPE_BASE}${known.type}`,
      title: known.title,
      status: known.status,
      detail: known.expose ? known.detail : INTERNAL_DETAIL,
      ...extras,
      ...(known.expose ? errors : {}),
    };
  }
  return {
    type: `${PROBLEM_TYPE_BASE}internal`,
    title: 'Internal error',
    status: 500,
    detail: INTERNAL_DETAIL,
    ...extras,
  };
};
