import { describe, expect, it } from 'vitest';
import { AccessTokenIssuer } from '../../../../functions/auth/crypto/AccessTokenIssuer.ts';
import { AccessTokenVerifier } from '../../../../functions/auth/crypto/AccessTokenVerifier.ts';
import { StoredSigningKeyProvider } from '../../../../functions/auth/crypto/StoredSigningKeyProvider.ts';
import type { Identity } from '../../../../shared/contracts/identity.ts';
import { inMemorySigningKeyStore } from './inMemorySigningKeyStore.ts';

const identity: Identity = {
  userId: 'u1',
  email: 'a@example.com',
  name: 'A',
  memberships: [],
  instruments: [],
};
const options = { issuer: 'urn:soleil:auth', audience: 'urn:soleil:api' };

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
