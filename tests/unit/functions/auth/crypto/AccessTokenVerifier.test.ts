import { generateKeyPair, importJWK, SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { AccessTokenIssuer } from '../../../../../functions/auth/crypto/AccessTokenIssuer.ts';
import { AccessTokenVerifier } from '../../../../../functions/auth/crypto/AccessTokenVerifier.ts';
import { StoredSigningKeyProvider } from '../../../../../functions/auth/crypto/StoredSigningKeyProvider.ts';
import { claimsForIdentity } from '../../../../../functions/auth/domain/accessTokenClaims.ts';
import {
  ACCESS_TOKEN_CLOCK_SKEW_SECONDS,
  ACCESS_TOKEN_TTL_SECONDS,
} from '../../../../../functions/auth/domain/authConstants.ts';
import type { Identity } from '../../../../../shared/contracts/identity.ts';
import { inMemorySigningKeyStore } from './inMemorySigningKeyStore.ts';

const built = vi.hoisted(() => ({ count: 0 }));
vi.mock('jose', async (importOriginal) => {
  const jose = await importOriginal<typeof import('jose')>();
  return {
    ...jose,
    createLocalJWKSet: (...args: Parameters<typeof jose.createLocalJWKSet>) => {
      built.count++;
      return jose.createLocalJWKSet(...args);
    },
  };
});

const identity: Identity = {
  userId: 'u1',
  email: 'a@example.com',
  name: 'A',
  memberships: [],
  instruments: [],
};
const options = { issuer: 'urn:soleil:auth', audience: 'urn:soleil:api' };

describe('AccessTokenVerifier key set', () => {
  it('builds the key set once per key list, not once per token', async () => {
    const store = inMemorySigningKeyStore();
    const keys = new StoredSigningKeyProvider(store);
    const token = (await new AccessTokenIssuer(keys, options).issue(identity)).token;
    const verifier = new AccessTokenVerifier(keys, options);
    for (let i = 0; i < 5; i++) expect(await verifier.verify(token)).toEqual(identity);
    expect(built.count).toBe(1);
    // A new key (another container's rotation) is a new list: built again, once.
    keys.invalidate();
    await store.putKey({ ...(store.keys[0] as (typeof store.keys)[number]), kid: '9999-other' });
    keys.invalidate();
    for (let i = 0; i < 3; i++) expect(await verifier.verify(token)).toEqual(identity);
    expect(built.count).toBe(2);
  });
});

describe('AccessTokenVerifier when the keys cannot be read', () => {
  it('throws instead of calling every token bad, so the outage is reported as a failure, not as 401s', async () => {
    const keys = new StoredSigningKeyProvider(inMemorySigningKeyStore());
    const token = (await new AccessTokenIssuer(keys, options).issue(identity)).token;
    const outage = Object.assign(Object.create(keys) as StoredSigningKeyProvider, {
      publicKeys: async () => {
        throw new Error('key store unreachable');
      },
    });
    const verifier = new AccessTokenVerifier(outage, options);
    await expect(verifier.verify(token)).rejects.toThrow('key store unreachable');
    await expect(new AccessTokenVerifier(keys, options).verify('not-a-token')).resolves.toBeNull();
  });
});

describe('AccessTokenVerifier token lifetime', () => {
  const signedWithOurKey = async (claims: { iat: number; exp: number }) => {
    const store = inMemorySigningKeyStore();
    const keys = new StoredSigningKeyProvider(store);
    await keys.currentSigner();
    const record = store.keys[0] as (typeof store.keys)[number];
    const token = await new SignJWT({ ...claimsForIdentity(identity) })
      .setProtectedHeader({ alg: 'ES256', kid: record.kid })
      .setIssuer(options.issuer)
      .setAudience(options.audience)
      .setJti('j1')
      .setIssuedAt(claims.iat)
      .setExpirationTime(claims.exp)
      .sign(await importJWK(record.privateJwk, 'ES256'));
    return { token, verifier: new AccessTokenVerifier(keys, options) };
  };
  const now = () => Math.floor(Date.now() / 1000);

  it('refuses a token signed with our key whose lifetime is longer than we issue (a forged 10-year token)', async () => {
    const iat = now();
    const { token, verifier } = await signedWithOurKey({ iat, exp: iat + 10 * 365 * 24 * 60 * 60 });
    expect(await verifier.verify(token)).toBeNull();
  });

  it('accepts a lifetime up to the issued one plus the clock skew, and not a second more', async () => {
    const iat = now();
    const longest = ACCESS_TOKEN_TTL_SECONDS + ACCESS_TOKEN_CLOCK_SKEW_SECONDS;
    const atLimit = await signedWithOurKey({ iat, exp: iat + longest });
    expect(await atLimit.verifier.verify(atLimit.token)).toEqual(identity);
    const overLimit = await signedWithOurKey({ iat, exp: iat + longest + 1 });
    expect(await overLimit.verifier.verify(overLimit.token)).toBeNull();
  });

  it('refuses a token issued in the future beyond the clock skew', async () => {
    const iat = now() + ACCESS_TOKEN_CLOCK_SKEW_SECONDS + 5;
    const { token, verifier } = await signedWithOurKey({ iat, exp: iat + ACCESS_TOKEN_TTL_SECONDS });
    expect(await verifier.verify(token)).toBeNull();
  });
});

describe('AccessTokenVerifier refresh on an unknown key id', () => {
  it('re-reads the key list at most once per 30 s under a flood of tokens with made-up key ids', async () => {
    const keys = new StoredSigningKeyProvider(inMemorySigningKeyStore());
    await keys.currentSigner();
    const invalidate = vi.spyOn(keys, 'invalidate');
    const clock = { now: 1_000_000 };
    const verifier = new AccessTokenVerifier(keys, { ...options, now: () => clock.now });
    const attacker = await generateKeyPair('ES256');
    const forged = (kid: string) =>
      new SignJWT({ ...claimsForIdentity(identity) })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setJti(kid)
        .setIssuedAt(Math.floor(clock.now / 1000))
        .setExpirationTime(Math.floor(clock.now / 1000) + 600)
        .sign(attacker.privateKey);

    for (let i = 0; i < 50; i++) expect(await verifier.verify(await forged(`made-up-${i}`))).toBeNull();
    expect(invalidate).toHaveBeenCalledTimes(1);
    clock.now += 29_999;
    for (let i = 0; i < 20; i++) expect(await verifier.verify(await forged(`later-${i}`))).toBeNull();
    expect(invalidate).toHaveBeenCalledTimes(1);
    clock.now += 1;
    expect(await verifier.verify(await forged('after-the-interval'))).toBeNull();
    expect(invalidate).toHaveBeenCalledTimes(2);
  });
});
