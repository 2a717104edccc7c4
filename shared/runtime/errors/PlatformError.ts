/** Base URI of every problem type the platform returns; the slug after it is stable and documented. */
export const PROBLEM_TYPE_BASE = 'https://soleil.dev/problems/';

/** What every platform error carries so that one place ({@link toProblem}) can turn it into a response. */
export interface PlatformErrorOptions {
  /** HTTP status the error maps to. */
  readonly status: number;
  /** Stable slug of the problem type (`not-found`, `validation-failed`, ...). */
  readonly type: string;
  /** Short, human-readable summary of the problem type; the same for every occurrence. */
  readonly title: string;
  /** What happened this time. */
  readonly detail?: string;
  /** Whether `detail` may be shown to the caller. @default status < 500 */
  readonly expose?: boolean;
  /** Seconds after which a retry may succeed, sent as `Retry-After` (an outage, a 503). */
  readonly retryAfterSeconds?: number;
  readonly cause?: unknown;
}

/**
 * The base of every error a handler may throw on purpose. Handlers never build error responses by hand:
 * they throw a subclass and the kit maps it.
 *
 * @example
 * ```ts
 * throw new NotFoundError(`No song ${songId} in band ${bandId}`);
 * ```
 */
export class PlatformError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly expose: boolean;
  readonly detail: string;
  readonly retryAfterSeconds: number | undefined;

  constructor(options: PlatformErrorOptions) {
    super(
      options.detail ?? options.title,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = new.target.name;
    this.status = options.status;
    this.type = options.type;
    this.title = options.title;
    this.detail = options.detail ?? options.title;
    this.expose = options.expose ?? options.status < 500;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** Whether a value is a {@link PlatformError} (also across copies of this module in one bundle). */
export const isPlatformError = (error: unknown): error is PlatformError =>
  error instanceof PlatformError ||
  (error instanceof Error &&
    typeof (error as Partial<PlatformError>).status === 'number' &&
    typeof (error as Partial<PlatformError>).type === 'string' &&
    typeof (error as Partial<PlatformError>).title === 'string');
