import type { KeyObject } from 'node:crypto';
import * as z from 'zod';
import { DriveAuthError } from './driveErrors.ts';
import type { Pacing } from './pacing.ts';
import type { RetryPolicy } from './retryPolicy.ts';
import { sendWithRetry } from './sendWithRetry.ts';
import { serviceAccountAssertion, serviceAccountSigningKey } from './serviceAccountAssertion.ts';
import type { ServiceAccountKey } from './serviceAccountKey.ts';

/** Read-only access to the files shared with the service account: the drive never writes to a library. */
export const DRIVE_READONLY_SCOPE = 'https://www.googleapis.com/auth/drive.readonly';

const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** A token this close to its end is replaced rather than used: a slow request must not outlive it. */
const EXPIRY_MARGIN_MS = 60_000;

const TokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string().optional(),
});

/** Where an access token for Google Drive comes from; `invalidate` after a 401 forces a new one. */
export interface AccessTokenSource {
  get(): Promise<string>;
  invalidate(): void;
}

/**
 * Access tokens for a service account by the OAuth 2.0 JWT bearer grant (RFC 7523): an RS256 assertion
 * signed with the account's key, exchanged at the key's `token_uri`. One token is cached until a
 * minute before it ends, and concurrent callers share one exchange.
 *
 * @example
 * ```ts
 * const tokens = new GoogleAccessTokens(parseServiceAccountKey(secret), { pacing: realPacing, retry });
 * const headers = { authorization: `Bearer ${await tokens.get()}` };
 * ```
 */
export class GoogleAccessTokens implements AccessTokenSource {
  private cached: { token: string; expiresAt: number } | null = null;
  private pending: Promise<string> | null = null;
  private signingKey: KeyObject | null = null;

  constructor(
    private readonly key: ServiceAccountKey,
    private readonly options: {
      readonly pacing: Pacing;
      readonly retry: RetryPolicy;
      readonly scope?: string;
      readonly fetch?: typeof fetch;
      readonly requestTimeoutMs?: number;
    },
  ) {}

  get(): Promise<string> {
    const now = this.options.pacing.now();
    if (this.cached !== null && this.cached.expiresAt - EXPIRY_MARGIN_MS > now) {
      return Promise.resolve(this.cached.token);
    }
    if (this.pending === null) {
      this.pending = this.exchange().finally(() => {
        this.pending = null;
      });
    }
    return this.pending;
  }

  invalidate(): void {
    this.cached = null;
  }

  private assertion(): string {
    this.signingKey ??= serviceAccountSigningKey(this.key);
    const issuedAt = Math.floor(this.options.pacing.now() / 1000);
    return serviceAccountAssertion(
      this.key,
      this.signingKey,
      this.options.scope ?? DRIVE_READONLY_SCOPE,
      issuedAt,
    );
  }

  private async exchange(): Promise<string> {
    const send = this.options.fetch ?? fetch;
    const timeout = this.options.requestTimeoutMs ?? 10_000;
    const assertion = this.assertion();
    const answer = await sendWithRetry(
      'token',
      () =>
        send(this.key.tokenUri, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString(),
          signal: AbortSignal.timeout(timeout),
        }),
      this.options.retry,
      this.options.pacing,
    );
    if (!answer.response.ok) {
      const code = (answer.errorBody as { error?: unknown } | null)?.error;
      throw new DriveAuthError(answer.response.status, typeof code === 'string' ? code : null);
    }
    const parsed = TokenAnswer.safeParse(await answer.response.json().catch(() => null));
    if (!parsed.success) throw new DriveAuthError(answer.response.status, 'unreadable token answer');
    this.cached = {
      token: parsed.data.access_token,
      expiresAt: this.options.pacing.now() + parsed.data.expires_in * 1000,
    };
    return parsed.data.access_token;
  }
}
