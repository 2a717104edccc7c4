import { createLocalJWKSet, errors, type JWK, jwtVerify } from 'jose';
import type { Identity } from '../../../shared/contracts/identity.ts';
import { identityFromClaims } from '../domain/accessTokenClaims.ts';
import {
  ACCESS_TOKEN_ALG,
  ACCESS_TOKEN_CLOCK_SKEW_SECONDS,
  ACCESS_TOKEN_TTL_SECONDS,
} from '../domain/authConstants.ts';
import type { SigningKeyProvider } from './SigningKeyProvider.ts';

// At most one key-list refresh per this interval when tokens carry unknown key ids (forged or rotated).
const UNKNOWN_KID_REFRESH_MS = 30_000;

/**
 * Verifies access tokens: ES256 only (so `alg: none` and HMAC-confusion tokens fail), one of our published
 * keys, our issuer and audience, not expired, no longer-lived than we issue them (`exp - iat` at most the TTL
 * plus clock skew, `iat` not ahead of the clock by more than the skew) and the platform's claim shape.
 * Returns null when the token is wrong in any way: the caller answers 401 without saying which check failed.
 */
export class AccessTokenVerifier {
  private lastRefresh = 0;
  // Building a key set imports every key: do it once per key list, not per token.
  private keySet: { ids: string; set: ReturnType<typeof createLocalJWKSet> } | undefined;

  constructor(
    private readonly keys: SigningKeyProvider & { invalidate?(): void },
    private readonly options: {
      readonly issuer: string;
      readonly audience: string;
      /** Clock, for tests. @default Date.now */
      readonly now?: () => number;
    },
  ) {}

  /**
   * The token's identity, or null when the token is bad. A failure to read the keys is not a bad token: it is
   * thrown, so the authorizer reports an outage (its failures alarm) instead of refusing everyone with 401.
   */
  async verify(token: string): Promise<Identity | null> {
    try {
      return await this.verifyWith(await this.keys.publicKeys(), token);
    } catch (error) {
      if (!(error instanceof errors.JOSEError)) throw error;
      const now = (this.options.now ?? Date.now)();
      if (!(error instanceof errors.JWKSNoMatchingKey) || !this.keys.invalidate) return null;
      if (now - this.lastRefresh < UNKNOWN_KID_REFRESH_MS) return null;
      this.lastRefresh = now;
      this.keys.invalidate();
      try {
        return await this.verifyWith(await this.keys.publicKeys(), token);
      } catch (retryError) {
        if (!(retryError instanceof errors.JOSEError)) throw retryError;
        return null;
      }
    }
  }

  private async verifyWith(keys: JWK[], token: string): Promise<Identity | null> {
    const now = this.options.now;
    const { payload } = await jwtVerify(token, this.keySetOf(keys), {
      algorithms: [ACCESS_TOKEN_ALG],
      issuer: this.options.issuer,
      audience: this.options.audience,
      requiredClaims: ['sub', 'exp', 'iat', 'jti'],
      ...(now ? { currentDate: new Date(now()) } : {}),
    });
    // A valid signature proves only that our key signed: our issuer never hands out a longer-lived token, so
    // one that claims more was made with a stolen key, and is refused rather than honoured for years.
    const { iat, exp } = payload as { iat: number; exp: number };
    if (exp - iat > ACCESS_TOKEN_TTL_SECONDS + ACCESS_TOKEN_CLOCK_SKEW_SECONDS) return null;
    if (iat > (now ?? Date.now)() / 1000 + ACCESS_TOKEN_CLOCK_SKEW_SECONDS) return null;
    return identityFromClaims(payload);
  }

  private keySetOf(keys: JWK[]): ReturnType<typeof createLocalJWKSet> {
    const ids = keys.map((k) => `${k.kid}:${k.x}:${k.y}`).join(',');
    if (this.keySet?.ids !== ids) this.keySet = { ids, set: createLocalJWKSet({ keys }) };
    return this.keySet.set;
  }
}
