import { describe, expect, it, vi } from 'vitest';
import { AccessTokenIssuer } from '../../../../../functions/auth/crypto/AccessTokenIssuer.ts';
import { AccessTokenVerifier } from '../../../../../functions/auth/crypto/AccessTokenVerifier.ts';
import { StoredSigningKeyProvider } from '../../../../../functions/auth/crypto/StoredSigningKeyProvider.ts';
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
