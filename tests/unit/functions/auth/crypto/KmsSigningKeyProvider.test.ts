import { createHash, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import {
  GetPublicKeyCommand,
  type GetPublicKeyCommandInput,
  KMSClient,
  SignCommand,
  type SignCommandInput,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { base64url, createLocalJWKSet, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccessTokenIssuer } from '../../../../../functions/auth/crypto/AccessTokenIssuer.ts';
import { AccessTokenVerifier } from '../../../../../functions/auth/crypto/AccessTokenVerifier.ts';
import {
  KMS_RAW_MESSAGE_LIMIT,
  KmsSigningKeyProvider,
  kmsKeyKid,
  UnusableKmsKeyError,
} from '../../../../../functions/auth/crypto/KmsSigningKeyProvider.ts';
import type { Identity } from '../../../../../shared/contracts/identity.ts';

const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555';
const OLD_KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/00000000-2222-3333-4444-555555555555';
const options = { issuer: 'urn:soleil:auth', audience: 'urn:soleil:api' };
const identity: Identity = {
  userId: 'u1',
  email: 'ana@example.com',
  name: 'Ana',
  memberships: [{ bandId: 'b1', role: 'leader' }],
  instruments: ['trumpet'],
};

const kms = mockClient(KMSClient);

/** What a KMS key is to the mock: a real P-256 key pair standing in for the HSM. */
const p256 = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const spkiOf = (publicKey: KeyObject) => new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));

/**
 * Messages a test sends as DIGEST, by digest: Node cannot sign a precomputed SHA-256 with an EC key, so the
 * fake KMS signs the message behind it, which gives the same signature KMS would.
 */
const digestedMessages = new Map<string, Buffer>();
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest();

/** Makes the mocked KMS sign like KMS does: ECDSA_SHA_256 over a RAW message or a DIGEST, DER output. */
const fakeKms = (keys: Record<string, ReturnType<typeof p256>>) => {
  kms.on(SignCommand).callsFake((input: SignCommandInput) => {
    const pair = keys[input.KeyId ?? ''];
    if (!pair || input.SigningAlgorithm !== 'ECDSA_SHA_256') throw new Error('bad Sign call');
    const sent = Buffer.from(input.Message ?? new Uint8Array());
    const message = input.MessageType === 'DIGEST' ? digestedMessages.get(sent.toString('hex')) : sent;
    if (!message) throw new Error('DIGEST of an unknown message');
    const signature = sign('sha256', message, { key: pair.privateKey, dsaEncoding: 'der' });
    return { KeyId: input.KeyId, Signature: new Uint8Array(signature), SigningAlgorithm: 'ECDSA_SHA_256' };
  });
  kms.on(GetPublicKeyCommand).callsFake((input: GetPublicKeyCommandInput) => {
    const pair = keys[input.KeyId ?? ''];
    if (!pair) throw new Error(`NotFoundException: ${input.KeyId}`);
    return {
      KeyId: input.KeyId,
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
      SigningAlgorithms: ['ECDSA_SHA_256'],
      PublicKey: spkiOf(pair.publicKey),
    };
  });
};

const decodeHeader = (token: string) =>
  JSON.parse(new TextDecoder().decode(base64url.decode(token.split('.')[0] ?? '')));

describe('KmsSigningKeyProvider', () => {
  let current: ReturnType<typeof p256>;

  beforeEach(() => {
    kms.reset();
    current = p256();
    fakeKms({ [KEY_ARN]: current });
  });
  afterEach(() => {
    digestedMessages.clear();
  });

  it('issues access tokens signed through kms:Sign that verify with jose against the published JWKS', async () => {
    const keys = new KmsSigningKeyProvider(new KMSClient({ region: 'eu-west-1' }), { keyArn: KEY_ARN });
    const issued = await new AccessTokenIssuer(keys, options).issue(identity);

    const jwks = await keys.publicKeys();
    expect(jwks).toEqual([
      expect.objectContaining({ kty: 'EC', crv: 'P-256', kid: kmsKeyKid(KEY_ARN), alg: 'ES256', use: 'sig' }),
    ]);
    expect(jwks[0]).not.toHaveProperty('d');
    expect(decodeHeader(issued.token)).toEqual({ alg: 'ES256', typ: 'JWT', kid: kmsKeyKid(KEY_ARN) });
    const { payload } = await jwtVerify(issued.token, createLocalJWKSet({ keys: jwks }), {
      algorithms: ['ES256'],
      ...options,
    });
    expect(payload.sub).toBe('u1');
    expect(await new AccessTokenVerifier(keys, options).verify(issued.token)).toEqual(identity);

    const [call] = kms.commandCalls(SignCommand);
    expect(call?.args[0].input).toMatchObject({
      KeyId: KEY_ARN,
      SigningAlgorithm: 'ECDSA_SHA_256',
      MessageType: 'RAW',
      Message: new TextEncoder().encode(issued.token.split('.').slice(0, 2).join('.')),
    });
  });

  it('produces tokens that a different key does not verify', async () => {
    const keys = new KmsSigningKeyProvider(new KMSClient({ region: 'eu-west-1' }), { keyArn: KEY_ARN });
    const issued = await new AccessTokenIssuer(keys, options).issue(identity);
    const other = p256();
    const foreignJwk = {
      ...other.publicKey.export({ format: 'jwk' }),
      kid: kmsKeyKid(KEY_ARN),
      alg: 'ES256',
    };
    await expect(jwtVerify(issued.token, createLocalJWKSet({ keys: [foreignJwk] }))).rejects.toThrow();
  });

  it('signs many tokens in a row: every DER signature converts to a JWS signature that verifies', async () => {
    const keys = new KmsSigningKeyProvider(new KMSClient({ region: 'eu-west-1' }), { keyArn: KEY_ARN });
    const issuer = new AccessTokenIssuer(keys, options);
    const verifier = new AccessTokenVerifier(keys, options);
    // ~1 in 128 DER signatures has a short r or s; 300 tokens make the padding path all but certain to run.
    for (let i = 0; i < 300; i++) {
      const { token } = await issuer.issue({ ...identity, userId: `u${i}` });
      expect(base64url.decode(token.split('.')[2] ?? '')).toHaveLength(64);
      expect((await verifier.verify(token))?.userId).toBe(`u${i}`);
    }
  });

  it('sends a signing input over the KMS RAW limit as its SHA-256 digest', async () => {
    const keys = new KmsSigningKeyProvider(new KMSClient({ region: 'eu-west-1' }), { keyArn: KEY_ARN });
    const signer = await keys.currentSigner();
    const long = Buffer.alloc(KMS_RAW_MESSAGE_LIMIT + 1, 'a');
    digestedMessages.set(sha256(long).toString('hex'), long);
    const signature = await signer.sign(new Uint8Array(long));
    const sent = kms.commandCalls(SignCommand)[0]?.args[0].input;
    expect(sent?.MessageType).toBe('DIGEST');
    expect(Buffer.from(sent?.Message ?? [])).toEqual(sha256(long));
    expect(verify('sha256', long, { key: current.publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(
      true,
    );
    // At the limit the message itself goes to KMS.
    await signer.sign(new Uint8Array(KMS_RAW_MESSAGE_LIMIT));
    expect(kms.commandCalls(SignCommand)[1]?.args[0].input.MessageType).toBe('RAW');
  });

  it('reads the public key once per container, also under concurrent requests', async () => {
    const keys = new KmsSigningKeyProvider(new KMSClient({ region: 'eu-west-1' }), { keyArn: KEY_ARN });
    const verifier = new AccessTokenVerifier(keys, options);
    const issuer = new AccessTokenIssuer(keys, options);
    await Promise.all([keys.publicKeys(), keys.publicKeys(), keys.publicKeys()]);
    for (let i = 0; i < 5; i++) await verifier.verify((await issuer.issue(identity)).token);
    expect(kms.commandCalls(GetPublicKeyCommand)).toHaveLength(1);
    expect(kms.commandCalls(SignCommand)).toHaveLength(5);
  });

  it('retries the public key after a failed read instead of caching the failure', async () => {
    kms.on(GetPublicKeyCommand).rejectsOnce(new Error('ThrottlingException'));
    const keys = new KmsSigningKeyProvider(new KMSClient({ region: 'eu-west-1' }), { keyArn: KEY_ARN });
    await expect(keys.publicKeys()).rejects.toThrow('ThrottlingException');
    // The mock's default behaviour was replaced by rejectsOnce; install the key again for the retry.
    fakeKms({ [KEY_ARN]: current });
    expect(await keys.publicKeys()).toHaveLength(1);
  });

  it('publishes previous keys beside the current one during a rotation, and signs with the current', async () => {
    const old = p256();
    fakeKms({ [KEY_ARN]: current, [OLD_KEY_ARN]: old });
    const before = new KmsSigningKeyProvider(new KMSClient({ region: 'eu-west-1' }), { keyArn: OLD_KEY_ARN });
    const tokenOfOldKey = (await new AccessTokenIssuer(before, options).issue(identity)).token;

    const rotated = new KmsSigningKeyProvider(new KMSClient({ region: 'eu-west-1' }), {
      keyArn: KEY_ARN,
      previousKeyArns: [OLD_KEY_ARN],
    });
    expect((await rotated.publicKeys()).map((k) => k.kid)).toEqual([
      kmsKeyKid(KEY_ARN),
      kmsKeyKid(OLD_KEY_ARN),
    ]);
    expect((await rotated.currentSigner()).kid).toBe(kmsKeyKid(KEY_ARN));
    const verifier = new AccessTokenVerifier(rotated, options);
    expect(await verifier.verify(tokenOfOldKey)).toEqual(identity);
    expect(
      await verifier.verify((await new AccessTokenIssuer(rotated, options).issue(identity)).token),
    ).toEqual(identity);
  });

  it('refuses a KMS key that is not an ECC_NIST_P256 signing key', async () => {
    kms.on(GetPublicKeyCommand).resolves({
      KeySpec: 'RSA_2048',
      KeyUsage: 'SIGN_VERIFY',
      PublicKey: spkiOf(generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey),
    });
    const keys = new KmsSigningKeyProvider(new KMSClient({ region: 'eu-west-1' }), { keyArn: KEY_ARN });
    await expect(keys.publicKeys()).rejects.toThrow(UnusableKmsKeyError);
  });

  it('derives a stable, opaque kid from the key ARN', () => {
    expect(kmsKeyKid(KEY_ARN)).toBe(kmsKeyKid(KEY_ARN));
    expect(kmsKeyKid(KEY_ARN)).not.toBe(kmsKeyKid(OLD_KEY_ARN));
    expect(kmsKeyKid(KEY_ARN)).toMatch(/^kms-[A-Za-z0-9_-]{27}$/);
    expect(kmsKeyKid(KEY_ARN)).not.toContain('123456789012');
  });
});
