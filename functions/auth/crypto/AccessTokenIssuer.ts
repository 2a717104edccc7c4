import { randomUUID } from 'node:crypto';
import { base64url } from 'jose';
import type { Identity } from '../../../shared/contracts/identity.ts';
import { claimsForIdentity } from '../domain/accessTokenClaims.ts';
import { ACCESS_TOKEN_ALG, ACCESS_TOKEN_TTL_SECONDS } from '../domain/authConstants.ts';
import type { SigningKeyProvider } from './SigningKeyProvider.ts';

/** A signed access token and when it expires. */
export interface IssuedAccessToken {
  readonly token: string;
  readonly jti: string;
  /** Epoch seconds. */
  readonly expiresAt: number;
  readonly expiresIn: number;
}

const encoder = new TextEncoder();
const encodeJson = (value: unknown): string => base64url.encode(encoder.encode(JSON.stringify(value)));

/**
 * Issues ES256 access tokens (15 minutes) carrying the identity. The JWS is assembled here because the
 * signature comes from a {@link SigningKeyProvider} that may never reveal its key (KMS); verification uses
 * jose.
 */
export class AccessTokenIssuer {
  constructor(
    private readonly keys: SigningKeyProvider,
    private readonly options: {
      readonly issuer: string;
      readonly audience: string;
      readonly now?: () => number;
    },
  ) {}

  async issue(identity: Identity): Promise<IssuedAccessToken> {
    const signer = await this.keys.currentSigner();
    const iat = Math.floor((this.options.now ?? Date.now)() / 1000);
    const jti = randomUUID();
    const expiresAt = iat + ACCESS_TOKEN_TTL_SECONDS;
    const header = encodeJson({ alg: ACCESS_TOKEN_ALG, typ: 'JWT', kid: signer.kid });
    const payload = encodeJson({
      ...claimsForIdentity(identity),
      iss: this.options.issuer,
      aud: this.options.audience,
      iat,
      exp: expiresAt,
      jti,
    });
    const signingInput = `${header}.${payload}`;
    const signature = await signer.sign(encoder.encode(signingInput));
    return {
      token: `${signingInput}.${base64url.encode(signature)}`,
      jti,
      expiresAt,
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    };
  }
}
