import { base64url, exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { AccessTokenIssuer } from '../../../../functions/auth/crypto/AccessTokenIssuer.ts';
import { AccessTokenVerifier } from '../../../../functions/auth/crypto/AccessTokenVerifier.ts';
import { StoredSigningKeyProvider } from '../../../../functions/auth/crypto/StoredSigningKeyProvider.ts';
import type { Identity } from '../../../../shared/contracts/identity.ts';
import { inMemorySigningKeyStore } from './inMemorySigningKeyStore.ts';

const identity: Identity = {
  userId: 'u1',
  email: 'ana@example.com',
  name: 'Ana',
  memberships: [{ bandId: 'b1', role: 'leader' }],
  instruments: ['trumpet'],
};
const options = { issuer: 'urn:soleil:auth', audience: 'urn:soleil:api' };

describe('access tokens', () => {
  let store: ReturnType<typeof inMemorySigningKeyStore>;
  let keys: StoredSigningKeyProvider;
  let issuer: AccessTokenIssuer;
  let verifier: AccessTokenVerifier;

  beforeEach(() => {
    store = inMemorySigningKeyStore();
    keys = new StoredSigningKeyProvider(store);
    issuer = new AccessTokenIssuer(keys, options);
    verifier = new AccessTokenVerifier(keys, options);
  });

  it('issues an ES256 token of 15 minutes that verifies back to the identity', async () => {
    const issued = await issuer.issue(identity);
    expect(issued.expiresIn).toBe(900);
    const header = JSON.parse(new TextDecoder().decode(base64url.decode(issued.token.split('.')[0] ?? '')));
    expect(header).toMatchObject({ alg: 'ES256', typ: 'JWT' });
    const payload = JSON.parse(new TextDecoder().decode(base64url.decode(issued.token.split('.')[1] ?? '')));
    expect(payload).toMatchObject({ sub: 'u1', iss: options.issuer, aud: options.audience, jti: issued.jti });
    expect(payload.exp - payload.iat).toBe(900);
    expect(await verifier.verify(issued.token)).toEqual(identity);
  });

  it('generates the key pair on first use and keeps the private key out of the token and JWKS', async () => {
    expect(store.keys).toHaveLength(0);
    await issuer.issue(identity);
    expect(store.keys).toHaveLength(1);
    const published = await keys.publicKeys();
    expect(published).toHaveLength(1);
    expect(published[0]).not.toHaveProperty('d');
    expect(published[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
  });

  it('rejects an expired token', async () => {
    const past = new AccessTokenIssuer(keys, { ...options, now: () => Date.now() - 16 * 60 * 1000 });
    expect(await verifier.verify((await past.issue(identity)).token)).toBeNull();
  });

  it('rejects a token for another audience or from another issuer', async () => {
    const otherAud = new AccessTokenIssuer(keys, { ...options, audience: 'urn:other' });
    const otherIss = new AccessTokenIssuer(keys, { ...options, issuer: 'urn:other' });
    expect(await verifier.verify((await otherAud.issue(identity)).token)).toBeNull();
    expect(await verifier.verify((await otherIss.issue(identity)).token)).toBeNull();
  });

  it('rejects a token signed by another key, even one claiming our key id', async () => {
    await issuer.issue(identity);
    const kid = store.keys[0]?.kid;
    const attacker = await generateKeyPair('ES256');
    const forged = await new SignJWT({ ...identity, sub: 'u1', memberships: identity.memberships })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuer(options.issuer)
      .setAudience(options.audience)
      .setIssuedAt()
      .setJti('x')
      .setExpirationTime('5m')
      .sign(attacker.privateKey);
    expect(await verifier.verify(forged)).toBeNull();
  });

  it('rejects alg none and an HMAC token keyed with our public key', async () => {
    await issuer.issue(identity);
    const unsecured = new UnsecuredJWT({ ...identity, sub: 'u1' })
      .setIssuer(options.issuer)
      .setAudience(options.audience)
      .setIssuedAt()
      .setJti('x')
      .setExpirationTime('5m')
      .encode();
    expect(await verifier.verify(unsecured)).toBeNull();
    const publicJwk = JSON.stringify(await keys.publicKeys());
    const hmac = await new SignJWT({ sub: 'u1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(options.issuer)
      .setAudience(options.audience)
      .setIssuedAt()
      .setJti('x')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(publicJwk));
    expect(await verifier.verify(hmac)).toBeNull();
  });

  it('rejects a tampered payload and garbage', async () => {
    const { token } = await issuer.issue(identity);
    const [h, , s] = token.split('.');
    const elevated = base64url.encode(
      JSON.stringify({ sub: 'u1', memberships: [{ bandId: 'b2', role: 'leader' }], exp: 9e9 }),
    );
    expect(await verifier.verify(`${h}.${elevated}.${s}`)).toBeNull();
    expect(await verifier.verify('not-a-jwt')).toBeNull();
    expect(await verifier.verify('')).toBeNull();
  });

  it('rejects a correctly signed token without the platform claims', async () => {
    await issuer.issue(identity);
    const record = store.keys[0];
    const { importJWK } = await import('jose');
    const key = await importJWK(record?.privateJwk ?? {}, 'ES256');
    const bare = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: record?.kid })
      .setSubject('u1')
      .setIssuer(options.issuer)
      .setAudience(options.audience)
      .setIssuedAt()
      .setJti('x')
      .setExpirationTime('5m')
      .sign(key);
    expect(await verifier.verify(bare)).toBeNull();
  });

  it('keeps verifying tokens of the previous key after a rotation, and publishes both keys', async () => {
    const before = await issuer.issue(identity);
    await keys.rotate();
    const after = await issuer.issue(identity);
    const kidOf = (t: string) =>
      JSON.parse(new TextDecoder().decode(base64url.decode(t.split('.')[0] ?? ''))).kid as string;
    expect(kidOf(after.token)).not.toBe(kidOf(before.token));
    expect(await keys.publicKeys()).toHaveLength(2);
    expect(await verifier.verify(before.token)).toEqual(identity);
    expect(await verifier.verify(after.token)).toEqual(identity);
  });

  it('finds a key created by another container when a token names an unknown key id', async () => {
    const otherContainer = new StoredSigningKeyProvider(store);
    await verifier.verify('warm.up.cache');
    const token = (await new AccessTokenIssuer(otherContainer, options).issue(identity)).token;
    expect(await verifier.verify(token)).toEqual(identity);
  });

  it('rotates a key older than the rotation age at the next signing', async () => {
    let now = Date.now();
    const aging = new StoredSigningKeyProvider(store, { now: () => now, rotateAfterMs: 1000, cacheMs: 0 });
    const first = (await aging.currentSigner()).kid;
    now += 2000;
    expect((await aging.currentSigner()).kid).not.toBe(first);
    expect(store.keys).toHaveLength(2);
  });

  it('never stores a key the JWKS cannot publish', async () => {
    await issuer.issue(identity);
    const stored = store.keys[0];
    expect(stored?.privateJwk).toHaveProperty('d');
    const fromPublic = await exportJWK((await generateKeyPair('ES256')).publicKey);
    expect(Object.keys(fromPublic).sort()).toEqual(['crv', 'kty', 'x', 'y']);
  });
});
