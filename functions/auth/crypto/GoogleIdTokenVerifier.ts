import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import * as z from 'zod';
import { Email } from '../../../shared/contracts/identifiers.ts';

/** What sign-in needs from a verified ID token. */
export interface VerifiedGoogleUser {
  readonly subject: string;
  readonly email: string;
  readonly name: string | undefined;
}

/** The ID token is not one we accept; the message is for logs, never for the client. */
export class InvalidIdTokenError extends Error {
  override readonly name = 'InvalidIdTokenError';
}

const IdTokenClaims = z.object({
  sub: z.string().min(1).max(255),
  email: Email,
  // Google sends a boolean; anything but `true` means the address is not proven to belong to the user.
  email_verified: z.literal(true),
  name: z.string().optional(),
});

// Google's tokens name either form of its issuer (https://developers.google.com/identity/openid-connect).
const GOOGLE_ISSUER_ALIASES: Record<string, string[]> = {
  'https://accounts.google.com': ['https://accounts.google.com', 'accounts.google.com'],
};

/**
 * Verifies Google ID tokens (OpenID Connect): signature against the issuer's JWKS, issuer, audience (our
 * client id), expiry, and a verified email. Issuer and JWKS URL are configuration so tests use a local issuer.
 */
export class GoogleIdTokenVerifier {
  private readonly jwks: JWTVerifyGetKey;

  constructor(
    private readonly options: {
      readonly issuer: string;
      readonly jwksUrl: string;
      readonly clientId: string;
      /** Key source, for tests. @default the remote JWKS at `jwksUrl`, cached by jose */
      readonly jwks?: JWTVerifyGetKey;
    },
  ) {
    this.jwks = options.jwks ?? createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 3_000 });
  }

  async verify(idToken: string): Promise<VerifiedGoogleUser> {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(idToken, this.jwks, {
        algorithms: ['RS256', 'ES256'],
        issuer: GOOGLE_ISSUER_ALIASES[this.options.issuer] ?? this.options.issuer,
        audience: this.options.clientId,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      throw new InvalidIdTokenError(`ID token rejected: ${(error as Error).message}`);
    }
    const claims = IdTokenClaims.safeParse(payload);
    if (!claims.success) {
      throw new InvalidIdTokenError(
        `ID token claims rejected: ${claims.error.issues.map((i) => i.path.join('.'))}`,
      );
    }
    return { subject: claims.data.sub, email: claims.data.email, name: claims.data.name };
  }
}
