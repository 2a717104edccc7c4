import { randomUUID } from 'node:crypto';
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { ACCESS_TOKEN_ALG } from '../domain/authConstants.ts';
import type { SigningKeyRecord, SigningKeyStore } from '../store/SigningKeyStore.ts';
import type { SigningKeyProvider, TokenSigner } from './SigningKeyProvider.ts';

/** Options of {@link StoredSigningKeyProvider}. */
export interface StoredSigningKeyProviderOptions {
  /** A key older than this is replaced at the next signing; the previous one stays published. @default 30 days */
  readonly rotateAfterMs?: number;
  /** How long a container trusts its cached key list. @default 5 minutes */
  readonly cacheMs?: number;
  /** Clock, for tests. @default Date.now */
  readonly now?: () => number;
}

// Current + previous: a token signed just before a rotation stays verifiable until it expires.
const PUBLISHED_KEYS = 2;

const publicJwkOf = (record: SigningKeyRecord): JWK => ({
  ...record.publicJwk,
  kid: record.kid,
  alg: ACCESS_TOKEN_ALG,
  use: 'sig',
});

/**
 * Signing keys kept in a {@link SigningKeyStore}: an ES256 key pair is generated on first use (never in
 * code, config or logs) and rotated by age. Used by the embedded platform and the tests.
 */
export class StoredSigningKeyProvider implements SigningKeyProvider {
  private readonly rotateAfterMs: number;
  private readonly cacheMs: number;
  private readonly now: () => number;
  private cached: { keys: SigningKeyRecord[]; at: number } | undefined;
  private signer: { kid: string; signer: TokenSigner } | undefined;

  constructor(
    private readonly store: SigningKeyStore,
    options: StoredSigningKeyProviderOptions = {},
  ) {
    this.rotateAfterMs = options.rotateAfterMs ?? 30 * 24 * 60 * 60 * 1000;
    this.cacheMs = options.cacheMs ?? 5 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  async currentSigner(): Promise<TokenSigner> {
    let current = (await this.keys())[0];
    if (!current || this.now() - Date.parse(current.createdAt) > this.rotateAfterMs) {
      await this.rotate();
      current = (await this.keys())[0];
    }
    if (!current) throw new Error('No signing key could be created');
    if (this.signer?.kid !== current.kid) {
      const key = (await importJWK(current.privateJwk, ACCESS_TOKEN_ALG)) as CryptoKey;
      const signer: TokenSigner = {
        kid: current.kid,
        sign: async (input) =>
          new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, input)),
      };
      this.signer = { kid: current.kid, signer };
    }
    return this.signer.signer;
  }

  async publicKeys(): Promise<JWK[]> {
    return (await this.keys()).map(publicJwkOf);
  }

  /** Generates a new current key; the previous one stays published. */
  async rotate(): Promise<void> {
    const { publicKey, privateKey } = await generateKeyPair(ACCESS_TOKEN_ALG, { extractable: true });
    // The new key must sort after the current one, also when both are made within one millisecond.
    const newest = (await this.store.listNewest(1))[0];
    const after = newest ? Date.parse(newest.createdAt) + 1 : 0;
    const createdAt = new Date(Math.max(this.now(), after)).toISOString();
    await this.store.putKey({
      kid: `${createdAt}_${randomUUID()}`,
      createdAt,
      publicJwk: await exportJWK(publicKey),
      privateJwk: await exportJWK(privateKey),
    });
    // Two containers may rotate at once; re-reading makes both settle on the newest key.
    this.cached = undefined;
  }

  /** Forgets the cached key list, so that a token with an unknown `kid` can find a newer key. */
  invalidate(): void {
    this.cached = undefined;
  }

  private async keys(): Promise<SigningKeyRecord[]> {
    if (!this.cached || this.now() - this.cached.at > this.cacheMs) {
      this.cached = { keys: await this.store.listNewest(PUBLISHED_KEYS), at: this.now() };
    }
    return this.cached.keys;
  }
}
