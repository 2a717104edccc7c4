import { base64url, exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { AccessTokenIssuer } from '../../../../../functions/auth/crypto/AccessTokenIssuer.ts';
import { AccessTokenVerifier } from '../../../../../functions/auth/crypto/AccessTokenVerifier.ts';
import { StoredSigningKeyProvider } from '../../../../../functions/auth/crypto/StoredSigningKeyProvider.ts';
import type { Identity } from '../../../../../shared/contracts/identity.ts';
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

  describe('rotation by period (stored keys)', () => {
    const DAY = 24 * 60 * 60 * 1000;
    const HOUR = 60 * 60 * 1000;
    const PERIOD_START = 20_000 * DAY;
    const kidOf = (t: string) =>
      JSON.parse(new TextDecoder().decode(base64url.decode(t.split('.')[0] ?? ''))).kid as string;
    const provider = (clock: { now: number }) =>
      new StoredSigningKeyProvider(store, {
        now: () => clock.now,
        rotateAfterMs: DAY,
        leadMs: HOUR,
        cacheMs: 0,
      });

    it('publishes the next key a lead time before it signs, then signs with it and keeps the previous one', async () => {
      const clock = { now: PERIOD_START + 2 * HOUR };
      const rotating = provider(clock);
      const tokens = new AccessTokenIssuer(rotating, options);
      const check = new AccessTokenVerifier(rotating, options);
      const before = await tokens.issue(identity);
      expect(store.keys).toHaveLength(1);

      clock.now = PERIOD_START + DAY - HOUR + 60_000; // inside the lead time of the next period
      const stillCurrent = await tokens.issue(identity);
      expect(kidOf(stillCurrent.token)).toBe(kidOf(before.token));
      const published = (await rotating.publicKeys()).map((k) => k.kid);
      expect(published).toHaveLength(2);
      const nextKid = published.find((kid) => kid !== kidOf(before.token));
      expect(nextKid?.startsWith(new Date(PERIOD_START + DAY).toISOString())).toBe(true);

      clock.now = PERIOD_START + DAY + 60_000;
      const after = await tokens.issue(identity);
      expect(kidOf(after.token)).toBe(nextKid);
      expect(await check.verify(before.token)).toEqual(identity);
      expect(await check.verify(after.token)).toEqual(identity);
      expect(store.keys).toHaveLength(2);
    });

    it('lets exactly one of many containers rotating at once create the key; all sign with it', async () => {
      const clock = { now: PERIOD_START + HOUR };
      const containers = Array.from({ length: 6 }, () => provider(clock));
      const signers = await Promise.all(containers.map((c) => c.currentSigner()));
      expect(store.keys).toHaveLength(1);
      expect(new Set(signers.map((s) => s.kid)).size).toBe(1);
      clock.now = PERIOD_START + DAY + HOUR;
      const rotated = await Promise.all(containers.map((c) => c.currentSigner()));
      expect(store.keys).toHaveLength(2);
      expect(new Set(rotated.map((s) => s.kid)).size).toBe(1);
    });

    it('keeps signing with a key stored before periods existed until the next period', async () => {
      const clock = { now: PERIOD_START + 5 * HOUR };
      const legacy = await generateKeyPair('ES256', { extractable: true });
      const createdAt = new Date(PERIOD_START + 3 * HOUR).toISOString();
      await store.putKey({
        kid: `${createdAt}_legacy`,
        createdAt,
        publicJwk: await exportJWK(legacy.publicKey),
        privateJwk: await exportJWK(legacy.privateKey),
      });
      const rotating = provider(clock);
      expect((await rotating.currentSigner()).kid).toBe(`${createdAt}_legacy`);
      clock.now = PERIOD_START + DAY + 1;
      expect((await rotating.currentSigner()).kid).not.toBe(`${createdAt}_legacy`);
      expect((await rotating.publicKeys()).map((k) => k.kid)).toContain(`${createdAt}_legacy`);
    });

    it('never creates a key when only the public keys are read', async () => {
      expect(await provider({ now: PERIOD_START }).publicKeys()).toEqual([]);
      expect(store.keys).toHaveLength(0);
    });
  });

  it('finds a key created by another container when a token names an unknown key id', async () => {
    const otherContainer = new StoredSigningKeyProvider(store);
    await verifier.verify('warm.up.cache');
    const token = (await new AccessTokenIssuer(otherContainer, options).issue(identity)).token;
    expect(await verifier.verify(token)).toEqual(identity);
  });

  it('never stores a key the JWKS cannot publish', async () => {
    await issuer.issue(identity);
    const stored = store.keys[0];
    expect(stored?.privateJwk).toHaveProperty('d');
    const fromPublic = await exportJWK((await generateKeyPair('ES256')).publicKey);
    expect(Object.keys(fromPublic).sort()).toEqual(['crv', 'kty', 'x', 'y']);
  });
});
