import type { JWK } from 'jose';

/** A stored ES256 key pair. Only the local/DynamoDB key provider stores private keys (see README). */
export interface SigningKeyRecord {
  /** Key id: sortable by creation (ISO time prefix), so the newest key is the current one. */
  readonly kid: string;
  readonly createdAt: string;
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
