import type * as z from 'zod';
import { DriveRequestError } from './driveErrors.ts';
import type { AccessTokenSource } from './GoogleAccessTokens.ts';
import type { Pacing } from './pacing.ts';
import type { RetryPolicy } from './retryPolicy.ts';
import { type FinalAnswer, sendWithRetry } from './sendWithRetry.ts';
import type { TokenBucket } from './TokenBucket.ts';

/** Everything a request to the Drive REST API goes through. */
export interface DriveHttpOptions {
  /** `https://www.googleapis.com/drive/v3` in production; a fake's URL in tests. */
  readonly apiBaseUrl: string;
  readonly tokens: AccessTokenSource;
  /** The service account's bucket: share one per account across every client in the process. */
  readonly bucket: TokenBucket;
  readonly pacing: Pacing;
  readonly retry: RetryPolicy;
  readonly fetch?: typeof fetch;
  /** Per attempt, until the answer's headers. @default 15_000 */
  readonly requestTimeoutMs?: number;
}

/** One request: method, path under the API base, query, JSON body. */
export interface DriveRequest {
  readonly operation: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
}

/** The schema did not match Google's answer: Google changed, or the fields selector is wrong. */
const unexpectedAnswer = (operation: string, status: number) =>
  new DriveRequestError(operation, status, 'unexpected answer shape');

/**
 * The Drive REST transport with plain `fetch`: every attempt waits for the account's token bucket and carries
 * a bearer token; retries follow {@link sendWithRetry}; a 401 gets one new token and one more try (a token
 * can be revoked before it expires). Non-retryable refusals come back for the caller to name.
 */
export class DriveHttp {
  constructor(private readonly options: DriveHttpOptions) {}

  /** Sends `request` and returns the final answer (success or refusal); throws only when retries ran out. */
  async send(request: DriveRequest): Promise<FinalAnswer> {
    const first = await this.sendOnce(request);
    if (first.response.status !== 401) return first;
    this.options.tokens.invalidate();
    return this.sendOnce(request);
  }

  /** Sends `request` and parses a JSON success with `schema`; a refusal becomes {@link DriveRequestError}. */
  async json<S extends z.ZodType>(request: DriveRequest, schema: S): Promise<z.infer<S>> {
    const answer = await this.send(request);
    if (!answer.response.ok)
      throw new DriveRequestError(request.operation, answer.response.status, answer.reason);
    if (answer.response.status === 204) return schema.parse({}) as z.infer<S>;
    const parsed = schema.safeParse(await answer.response.json().catch(() => undefined));
    if (!parsed.success) throw unexpectedAnswer(request.operation, answer.response.status);
    return parsed.data as z.infer<S>;
  }

  private url(request: DriveRequest): string {
    const url = new URL(`${this.options.apiBaseUrl.replace(/\/+$/, '')}${request.path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, value);
    }
    return url.toString();
  }

  private sendOnce(request: DriveRequest): Promise<FinalAnswer> {
    const send = this.options.fetch ?? fetch;
    const url = this.url(request);
    const timeout = this.options.requestTimeoutMs ?? 15_000;
    return sendWithRetry(
      request.operation,
      async () => {
        await this.options.bucket.take();
        const token = await this.options.tokens.get();
        // The timeout covers waiting for the answer's headers only: a download's body may take longer.
        const abort = new AbortController();
        const timer = setTimeout(() => abort.abort(new Error(`No answer within ${timeout} ms`)), timeout);
        try {
          return await send(url, {
            method: request.method,
            headers: {
              authorization: `Bearer ${token}`,
              ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
            },
            ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
            signal: abort.signal,
          });
        } finally {
          clearTimeout(timer);
        }
      },
      this.options.retry,
      this.options.pacing,
    );
  }
}
