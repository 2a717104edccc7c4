import type { JWK } from 'jose';

/** Signs with the current private key without ever handing the key out (so KMS can stand behind it). */
export interface TokenSigner {
  /** Key id to put in the JWS header. */
  readonly kid: string;
  /** ES256 signature of the JWS signing input, in JWS form (raw r‖s, 64 bytes). */
  sign(signingInput: Uint8Array): Promise<Uint8Array>;
}

/**
 * Where access-token signing keys live. Locally and in tests: {@link StoredSigningKeyProvider} (key pairs
 * generated on first use into the key folder the embedded platform names, a file each: `FileSigningKeyStore`).
 * In AWS: `KmsSigningKeyProvider`, a KMS asymmetric key (ECC_NIST_P256) whose private half never leaves KMS —
 * see the module README.
 */
export interface SigningKeyProvider {
  /** The signer of the current key. */
  currentSigner(): Promise<TokenSigner>;
  /** Public keys to verify with and to publish at `/.well-known/jwks.json`: current and previous. */
  publicKeys(): Promise<JWK[]>;
}
