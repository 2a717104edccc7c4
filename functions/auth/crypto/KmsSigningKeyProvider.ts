import { createHash, createPublicKey } from 'node:crypto';
import { GetPublicKeyCommand, type KMSClient, SignCommand } from '@aws-sdk/client-kms';
import type { JWK } from 'jose';
import { ACCESS_TOKEN_ALG } from '../domain/authConstants.ts';
import { derToJoseSignature } from './derEcdsaSignature.ts';
import type { SigningKeyProvider, TokenSigner } from './SigningKeyProvider.ts';

/** KMS signs a `RAW` message of at most this many bytes; longer ones are sent as their SHA-256 digest. */
export const KMS_RAW_MESSAGE_LIMIT = 4096;

const KMS_SIGNING_ALGORITHM = 'ECDSA_SHA_256';
const KMS_KEY_SPEC = 'ECC_NIST_P256';

/** A KMS key cannot sign access tokens (wrong spec or usage, or no public key returned). */
export class UnusableKmsKeyError extends Error {
  override readonly name = 'UnusableKmsKeyError';
}

/**
 * The `kid` of a KMS key: derived from its ARN, so it is stable across containers and deploys, and opaque (the
 * ARN names the account, which the public JWKS need not tell).
 *
 * @example kmsKeyKid('arn:aws:kms:eu-west-1:123456789012:key/…') // → 'kms-Q2x…' (27 characters after kms-)
 */
export const kmsKeyKid = (keyArn: string): string =>
  `kms-${createHash('sha256').update(keyArn).digest('base64url').slice(0, 27)}`;

/** Options of {@link KmsSigningKeyProvider}. */
export interface KmsSigningKeyProviderOptions {
  /** ARN of the current signing key (`ECC_NIST_P256`, `SIGN_VERIFY`); the module's functions get it from the platform. */
  readonly keyArn: string;
  /**
   * Keys that no longer sign but whose tokens may still be alive: published and accepted during a rotation.
   * @default []
   */
  readonly previousKeyArns?: readonly string[];
}

/**
 * Access-token signing with a KMS asymmetric key: the private key never leaves KMS. `sign` calls `kms:Sign`
 * (ECDSA_SHA_256) on the JWS signing input and converts KMS's DER signature to the 64-byte JWS form; the
 * public keys come from `kms:GetPublicKey` once per container (they never change for a key).
 */
export class KmsSigningKeyProvider implements SigningKeyProvider {
  private readonly signer: TokenSigner;
  private published: Promise<JWK[]> | undefined;

  constructor(
    private readonly kms: KMSClient,
    private readonly options: KmsSigningKeyProviderOptions,
  ) {
    const keyId = options.keyArn;
    this.signer = {
      kid: kmsKeyKid(keyId),
      sign: async (signingInput) => {
        const raw = signingInput.byteLength <= KMS_RAW_MESSAGE_LIMIT;
        const { Signature } = await this.kms.send(
          new SignCommand({
            KeyId: keyId,
            SigningAlgorithm: KMS_SIGNING_ALGORITHM,
            MessageType: raw ? 'RAW' : 'DIGEST',
            // ECDSA_SHA_256 over a DIGEST message signs exactly what it would over the RAW message.
            Message: raw ? signingInput : createHash('sha256').update(signingInput).digest(),
          }),
        );
        if (!Signature) throw new UnusableKmsKeyError(`KMS returned no signature for key ${keyId}`);
        return derToJoseSignature(Signature);
      },
    };
  }

  async currentSigner(): Promise<TokenSigner> {
    return this.signer;
  }

  async publicKeys(): Promise<JWK[]> {
    this.published ??= Promise.all(
      [this.options.keyArn, ...(this.options.previousKeyArns ?? [])].map((arn) => this.publicJwkOf(arn)),
    );
    try {
      return await this.published;
    } catch (error) {
      // A failed read (throttling, a network blip) must not stick for the container's lifetime.
      this.published = undefined;
      throw error;
    }
  }

  private async publicJwkOf(keyArn: string): Promise<JWK> {
    const response = await this.kms.send(new GetPublicKeyCommand({ KeyId: keyArn }));
    if (!response.PublicKey) throw new UnusableKmsKeyError(`KMS returned no public key for ${keyArn}`);
    if (response.KeySpec !== KMS_KEY_SPEC || response.KeyUsage !== 'SIGN_VERIFY') {
      throw new UnusableKmsKeyError(
        `KMS key ${keyArn} is ${response.KeySpec}/${response.KeyUsage}; access tokens need ${KMS_KEY_SPEC}/SIGN_VERIFY`,
      );
    }
    const jwk = createPublicKey({ key: Buffer.from(response.PublicKey), format: 'der', type: 'spki' }).export(
      {
        format: 'jwk',
      },
    );
    return { ...jwk, kid: kmsKeyKid(keyArn), alg: ACCESS_TOKEN_ALG, use: 'sig' } as JWK;
  }
}
