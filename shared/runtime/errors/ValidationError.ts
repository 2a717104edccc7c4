import type { z } from 'zod';
import { PlatformError } from './PlatformError.ts';

/** One field that failed validation: a dotted path (`body.items.0.name`) and why. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** Turns zod issues into field issues, each path prefixed with where the value came from (`body`, `query`...). */
export const fieldIssuesFromZod = (error: z.ZodError, prefix?: string): FieldIssue[] =>
  error.issues.map((issue) => ({
    path: [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));

/**
 * 400: the input did not match its schema. `issues` lists every failing field.
 *
 * @example
 * ```ts
 * const parsed = Schema.safeParse(input);
 * if (!parsed.success) throw ValidationError.fromZod(parsed.error, 'body');
 * ```
 */
export class ValidationError extends PlatformError {
  readonly issues: readonly FieldIssue[];

  constructor(detail: string, issues: readonly FieldIssue[] = []) {
    super({ status: 400, type: 'validation-failed', title: 'The request is not valid', detail });
    this.issues = issues;
  }

  /** A validation error listing every issue of a zod error, paths prefixed with `prefix`. */
  static fromZod(error: z.ZodError, prefix?: string): ValidationError {
    const issues = fieldIssuesFromZod(error, prefix);
    const where = prefix ? ` in ${prefix}` : '';
    return new ValidationError(`${issues.length} invalid field(s)${where}`, issues);
  }
}
