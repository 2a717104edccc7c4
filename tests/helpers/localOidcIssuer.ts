import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';

/** Claims a test may set or override on an ID token. */
export interface IdTokenOverrides {
  readonly sub?: string;
  readonly email?: string;
  readonly email_verified?: unknown;
  readonly name?: string;
  readonly iss?: string;
  readonly aud?: string;
  /** Seconds from now; negative for an already expired token. @default 600 */
  readonly expiresInSeconds?: number;
  /** Sign with a key the JWKS does not publish. */
  readonly signWithUnpublishedKey?: boolean;
  readonly extra?: JWTPayload;
}

/** A local OpenID Connect issuer for tests: RS256 keys made with jose, JWKS served on 127.0.0.1. */
export interface LocalOidcIssuer {
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly clientId: string;
  /** Signs an ID token for `email` (verified, for `clientId`, valid 10 minutes unless overridden). */
  idToken(email: string, overrides?: IdTokenOverrides): Promise<string>;
  /** How many times the JWKS was fetched. */
  readonly jwksRequests: () => number;
  stop(): Promise<void>;
}

const ALG = 'RS256';

/**
 * Starts a local OIDC issuer on a free loopback port. Its issuer URL and JWKS URL go into
 * `SOLEIL_AUTH_GOOGLE_ISSUER` / `SOLEIL_AUTH_GOOGLE_JWKS_URL` in place of Google's.
 *
 * @example
 * const oidc = await startLocalOidcIssuer();
 * const idToken = await oidc.idToken('ana@example.com', { name: 'Ana' });
 * await oidc.stop();
 */
export const startLocalOidcIssuer = async (
  options: { readonly clientId?: string } = {},
): Promise<LocalOidcIssuer> => {
  const published = await generateKeyPair(ALG);
  const unpublished = await generateKeyPair(ALG);
  const kid = `test-${randomUUID()}`;
  const jwk: JWK = { ...(await exportJWK(published.publicKey)), kid, alg: ALG, use: 'sig' };
  let requests = 0;

  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/jwks') {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = options.clientId ?? 'soleil-test-client.apps.example';

  const idToken = async (email: string, overrides: IdTokenOverrides = {}): Promise<string> => {
    const now = Math.floor(Date.now() / 1000);
    const key: CryptoKey = overrides.signWithUnpublishedKey ? unpublished.privateKey : published.privateKey;
    return new SignJWT({
      email,
      email_verified: 'email_verified' in overrides ? overrides.email_verified : true,
      ...(overrides.name === undefined ? {} : { name: overrides.name }),
      ...overrides.extra,
    })
      .setProtectedHeader({ alg: ALG, kid, typ: 'JWT' })
      .setSubject(overrides.sub ?? `google-${email}`)
      .setIssuer(overrides.iss ?? issuer)
      .setAudience(overrides.aud ?? clientId)
      .setIssuedAt(now - 5)
      .setExpirationTime(now + (overrides.expiresInSeconds ?? 600))
      .sign(key);
  };

  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    clientId,
    idToken,
    jwksRequests: () => requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
