import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { ACCESS_TOKEN_ALG, SIGNING_KEY_LEAD_MS, SIGNING_KEY_LIST_CACHE_MS } from '../domain/authConstants.ts';
import type { SigningKeyRecord, SigningKeyStore } from '../store/SigningKeyStore.ts';
import type { SigningKeyProvider, TokenSigner } from './SigningKeyProvider.ts';

/** Options of {@link StoredSigningKeyProvider}. */
export interface StoredSigningKeyProviderOptions {
  /** Length of a key's signing period: each period has its own key. @default 30 days */
  readonly rotateAfterMs?: number;
  /** How long before its period a key is created and published. @default SIGNING_KEY_LEAD_MS */
  readonly leadMs?: number;
  /** How long a container trusts its cached key list. @default SIGNING_KEY_LIST_CACHE_MS */
  readonly cacheMs?: number;
  /** Clock, for tests. @default Date.now */
  readonly now?: () => number;
}

// Next (pre-published), current and previous: a token signed just before a rotation stays verifiable.
const PUBLISHED_KEYS = 3;

const publicJwkOf = (record: SigningKeyRecord): JWK => ({
  ...record.publicJwk,
  kid: record.kid,
  alg: ACCESS_TOKEN_ALG,
  use: 'sig',
});

/** When a key starts signing (keys stored before periods existed start when they were created). */
const activeFromMs = (record: SigningKeyRecord): number => Date.parse(record.activeFrom ?? record.createdAt);

/**
 * Signing keys kept in a {@link SigningKeyStore} (the embedded platform and the tests; AWS signs with KMS).
 * Time is cut into periods of `rotateAfterMs`; period n has exactly one key, whose `kid` is derived from n,
 * so of many containers rotating at once exactly one write wins (the store refuses an existing kid) and the
 * others read the winner's key. A period's key is created `leadMs` before the period starts and published
 * from then on, so verifiers that cache the JWKS know it before it signs. The JWKS route never creates
 * keys; signing and the health check do.
 */
export class StoredSigningKeyProvider implements SigningKeyProvider {
  private readonly rotateAfterMs: number;
  private readonly leadMs: number;
  private readonly cacheMs: number;
  private readonly now: () => number;
  private cached: { keys: SigningKeyRecord[]; jwks: JWK[]; at: number } | undefined;
  private signer: { kid: string; signer: TokenSigner } | undefined;

  constructor(
    private readonly store: SigningKeyStore,
    options: StoredSigningKeyProviderOptions = {},
  ) {
    this.rotateAfterMs = options.rotateAfterMs ?? 30 * 24 * 60 * 60 * 1000;
    this.leadMs = Math.min(options.leadMs ?? SIGNING_KEY_LEAD_MS, this.rotateAfterMs / 2);
    this.cacheMs = options.cacheMs ?? SIGNING_KEY_LIST_CACHE_MS;
    this.now = options.now ?? Date.now;
  }

  async currentSigner(): Promise<TokenSigner> {
    const now = this.now();
    const current = (await this.ensureKeys(now)).find((k) => activeFromMs(k) <= now);
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

  /** The published keys (next, current, previous); never creates one. The same array while the list is cached. */
  async publicKeys(): Promise<JWK[]> {
    return (await this.list()).jwks;
  }

  /** Forgets the cached key list, so that a token with an unknown `kid` can find a newer key. */
  invalidate(): void {
    this.cached = undefined;
  }

  /** The key list, after creating the key of the current period and, within the lead time, of the next. */
  private async ensureKeys(now: number): Promise<SigningKeyRecord[]> {
    const period = Math.floor(now / this.rotateAfterMs);
    const periodStart = period * this.rotateAfterMs;
    const next = Math.floor((now + this.leadMs) / this.rotateAfterMs);
    let keys = (await this.list()).keys;
    const missing: number[] = [];
    if (!keys.some((k) => activeFromMs(k) >= periodStart && activeFromMs(k) <= now)) missing.push(period);
    if (next > period && !keys.some((k) => activeFromMs(k) >= next * this.rotateAfterMs)) missing.push(next);
    if (missing.length === 0) return keys;
    for (const p of missing) await this.createKeyOfPeriod(p, now);
    // Whether our write won or another container's did, the stored key is the one to use.
    this.cached = undefined;
    keys = (await this.list()).keys;
    return keys;
  }

  private async createKeyOfPeriod(period: number, now: number): Promise<void> {
    const { publicKey, privateKey } = await generateKeyPair(ACCESS_TOKEN_ALG, { extractable: true });
    const activeFrom = new Date(period * this.rotateAfterMs).toISOString();
    await this.store.putKey({
      // Sorts by activation, after keys named by their creation time (before periods existed).
      kid: `${activeFrom}_p${period}`,
      createdAt: new Date(now).toISOString(),
      activeFrom,
      publicJwk: await exportJWK(publicKey),
      privateJwk: await exportJWK(privateKey),
    });
  }

  private async list(): Promise<{ keys: SigningKeyRecord[]; jwks: JWK[] }> {
    if (!this.cached || this.now() - this.cached.at > this.cacheMs) {
      const keys = (await this.store.listNewest(PUBLISHED_KEYS)).sort(
        (a, b) => activeFromMs(b) - activeFromMs(a),
      );
      this.cached = { keys, jwks: keys.map(publicJwkOf), at: this.now() };
    }
    return this.cached;
  }
}
