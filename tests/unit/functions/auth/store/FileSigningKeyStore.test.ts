import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccessTokenIssuer } from '../../../../../functions/auth/crypto/AccessTokenIssuer.ts';
import { AccessTokenVerifier } from '../../../../../functions/auth/crypto/AccessTokenVerifier.ts';
import { StoredSigningKeyProvider } from '../../../../../functions/auth/crypto/StoredSigningKeyProvider.ts';
import {
  CorruptSigningKeyError,
  FileSigningKeyStore,
} from '../../../../../functions/auth/store/FileSigningKeyStore.ts';
import type { SigningKeyRecord } from '../../../../../functions/auth/store/SigningKeyStore.ts';

const recordOf = async (kid: string): Promise<SigningKeyRecord> => {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  return {
    kid,
    createdAt: '2026-01-01T00:00:00.000Z',
    activeFrom: kid.slice(0, 24),
    publicJwk: await exportJWK(publicKey),
    privateJwk: await exportJWK(privateKey),
  };
};

describe('FileSigningKeyStore', () => {
  let root: string;
  let directory: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'soleil-keys-'));
    directory = path.join(root, 'auth-access-tokens');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('lists nothing before the first key, and the newest first (by kid) after', async () => {
    const store = new FileSigningKeyStore(directory);
    expect(await store.listNewest(3)).toEqual([]);
    const kids = [
      '2026-01-01T00:00:00.000Z_p1',
      '2026-03-02T00:00:00.000Z_p3',
      '2026-02-01T00:00:00.000Z_p2',
    ];
    const records = await Promise.all(kids.map(recordOf));
    for (const record of records) expect(await store.putKey(record)).toBe(true);
    expect((await store.listNewest(2)).map((r) => r.kid)).toEqual([kids[1], kids[2]]);
    expect(await store.listNewest(1)).toEqual([records[1]]);
  });

  it('keeps each key in a file only its owner can read, in a folder only its owner can open', async () => {
    await new FileSigningKeyStore(directory).putKey(await recordOf('2026-01-01T00:00:00.000Z_p1'));
    expect(statSync(directory).mode & 0o777).toBe(0o700);
    const files = readdirSync(directory);
    expect(files).toEqual([`${encodeURIComponent('2026-01-01T00:00:00.000Z_p1')}.json`]);
    expect(statSync(path.join(directory, files[0] ?? '')).mode & 0o777).toBe(0o600);
  });

  it('refuses a second key with the same kid; of many writers at once exactly one wins', async () => {
    const store = new FileSigningKeyStore(directory);
    const kid = '2026-01-01T00:00:00.000Z_p1';
    const candidates = await Promise.all(Array.from({ length: 8 }, () => recordOf(kid)));
    const results = await Promise.all(candidates.map((c) => new FileSigningKeyStore(directory).putKey(c)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = candidates[results.indexOf(true)];
    expect(await store.listNewest(5)).toEqual([winner]);
    expect(await store.putKey(await recordOf(kid))).toBe(false);
    expect(await store.listNewest(5)).toEqual([winner]);
    expect(readdirSync(directory)).toHaveLength(1);
  });

  it('refuses a key file that is not a signing key', async () => {
    const store = new FileSigningKeyStore(directory);
    const record = await recordOf('2026-01-01T00:00:00.000Z_p1');
    await store.putKey(record);
    const file = path.join(directory, readdirSync(directory)[0] ?? '');
    writeFileSync(file, JSON.stringify({ ...record, privateJwk: { kty: 'oct', k: 'x' } }));
    await expect(store.listNewest(1)).rejects.toThrow(CorruptSigningKeyError);
    writeFileSync(file, 'not json');
    await expect(store.listNewest(1)).rejects.toThrow(CorruptSigningKeyError);
  });

  it('backs the stored-key provider: tokens it signs verify, from the key on disk', async () => {
    const options = { issuer: 'urn:soleil:auth', audience: 'urn:soleil:api' };
    const signing = new StoredSigningKeyProvider(new FileSigningKeyStore(directory));
    const identity = { userId: 'u1', email: 'a@example.com', name: 'A', memberships: [], instruments: [] };
    const { token } = await new AccessTokenIssuer(signing, options).issue(identity);
    const otherContainer = new StoredSigningKeyProvider(new FileSigningKeyStore(directory));
    expect(await new AccessTokenVerifier(otherContainer, options).verify(token)).toEqual(identity);
    const [file] = readdirSync(directory);
    expect(JSON.parse(readFileSync(path.join(directory, file ?? ''), 'utf8')).privateJwk).toHaveProperty('d');
  });
});
