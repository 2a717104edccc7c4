import { isPlatformError, PROBLEM_TYPE_BASE } from './PlatformError.ts';
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
 * The ONE mapping from an error to a status and problem body. A {@link PlatformError} keeps its status,
 * type and (when exposable) detail; anything else is a 500 that reveals nothing about internals.
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
  if (isPlatformError(error)) {
    const issues = (error as { issues?: unknown }).issues;
    const errors = Array.isArray(issues) && issues.length > 0 ? { errors: issues as FieldIssue[] } : {};
    return {
      type: `${PROBLEM_TYPE_BASE}${error.type}`,
      title: error.title,
      status: error.status,
      detail: error.expose ? error.detail : INTERNAL_DETAIL,
      ...extras,
      ...(error.expose ? errors : {}),
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
