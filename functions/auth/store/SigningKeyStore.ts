import type { JWK } from 'jose';

/** A stored ES256 key pair: only the embedded platform's key folder holds private keys (AWS signs with KMS). */
export interface SigningKeyRecord {
  /** Key id: starts with the ISO time the key starts signing, so ids sort by activation. */
  readonly kid: string;
  readonly createdAt: string;
  /** When the key starts signing (created ahead of it, so it is published first). @default createdAt */
  readonly activeFrom?: string;
  readonly publicJwk: JWK;
  readonly privateJwk: JWK;
}

/** Signing keys, newest first. */
export interface SigningKeyStore {
  /** The newest `limit` keys, newest first. */
  listNewest(limit: number): Promise<SigningKeyRecord[]>;
  /** Adds a key; false when a key with that id exists already. */
  putKey(record: SigningKeyRecord): Promise<boolean>;
}
