import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GoogleIdTokenVerifier,
  InvalidIdTokenError,
} from '../../../../../functions/auth/crypto/GoogleIdTokenVerifier.ts';
import { type LocalOidcIssuer, startLocalOidcIssuer } from '../../../../helpers/localOidcIssuer.ts';

describe('Google ID token verification (against a local OIDC issuer)', () => {
  let oidc: LocalOidcIssuer;
  let verifier: GoogleIdTokenVerifier;

  beforeAll(async () => {
    oidc = await startLocalOidcIssuer();
    verifier = new GoogleIdTokenVerifier({
      issuer: oidc.issuer,
      jwksUrl: oidc.jwksUrl,
      clientId: oidc.clientId,
    });
  });
  afterAll(() => oidc.stop());

  it('accepts a valid token and fetches the JWKS over HTTP', async () => {
    const user = await verifier.verify(await oidc.idToken('ana@example.com', { name: 'Ana', sub: 'g-1' }));
    expect(user).toEqual({ subject: 'g-1', email: 'ana@example.com', name: 'Ana' });
    expect(oidc.jwksRequests()).toBeGreaterThan(0);
  });

  it.each([
    ['email_verified false', { email_verified: false }],
    ['email_verified missing', { email_verified: undefined }],
    ['email_verified as a string', { email_verified: 'true' }],
    ['another audience', { aud: 'someone-else' }],
    ['another issuer', { iss: 'https://evil.example' }],
    ['an expired token', { expiresInSeconds: -60 }],
    ['a key the issuer does not publish', { signWithUnpublishedKey: true }],
  ])('rejects %s', async (_label, overrides) => {
    await expect(verifier.verify(await oidc.idToken('ana@example.com', overrides))).rejects.toBeInstanceOf(
      InvalidIdTokenError,
    );
  });

  it('rejects garbage', async () => {
    await expect(verifier.verify('a.b.c')).rejects.toBeInstanceOf(InvalidIdTokenError);
  });
});
