import '../../../helpers/quietPowertools.ts';
import { generateKeyPairSync, sign } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import {
  GetPublicKeyCommand,
  type GetPublicKeyCommandInput,
  KMSClient,
  SignCommand,
  type SignCommandInput,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kmsKeyKid } from '../../../../functions/auth/crypto/KmsSigningKeyProvider.ts';
import { StoredSigningKeyProvider } from '../../../../functions/auth/crypto/StoredSigningKeyProvider.ts';
import { ACCESS_TOKEN_SIGNING_KEY } from '../../../../functions/auth/domain/authConstants.ts';
import { handler as authorize } from '../../../../functions/auth/handlers/authorize.ts';
import { handler as devLogin } from '../../../../functions/auth/handlers/devLogin.ts';
import { handler as health } from '../../../../functions/auth/handlers/health.ts';
import { handler as jwks } from '../../../../functions/auth/handlers/jwks.ts';
import {
  authDependencies,
  MissingSigningKeyError,
} from '../../../../functions/auth/wiring/authDependencies.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../../../infra/local/shared/localNames.ts';
import {
  previousSigningKeyEnvVar,
  signingKeyEnvVar,
  tableEnvVar,
} from '../../../../shared/contracts/platformEnvironment.ts';
import { lambdaContext } from '../../../helpers/httpEvents.ts';
import { type AuthTestBed, routeEvent, startAuthTestBed } from './authTestBed.ts';

const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555';
const NEXT_KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/99999999-2222-3333-4444-555555555555';
const KEY_ENV = signingKeyEnvVar(ACCESS_TOKEN_SIGNING_KEY);
const PREVIOUS_KEY_ENV = previousSigningKeyEnvVar(ACCESS_TOKEN_SIGNING_KEY);

// biome-ignore lint/suspicious/noExplicitAny: handler replies are read field by field.
type Json = any;
const call = async (h: (e: never, c: never) => Promise<unknown>, event: unknown): Promise<Json> => {
  const reply = (await h(event as never, lambdaContext('auth') as never)) as {
    statusCode: number;
    body?: string;
  };
  return { status: reply.statusCode, json: reply.body ? JSON.parse(reply.body) : undefined };
};

describe('auth handlers signing with a KMS key (the AWS wiring; KMS mocked, DynamoDB Local)', () => {
  let bed: AuthTestBed;
  const kms = mockClient(KMSClient);
  const keys: Record<string, ReturnType<typeof generateKeyPairSync>> = {
    [KEY_ARN]: generateKeyPairSync('ec', { namedCurve: 'P-256' }),
    [NEXT_KEY_ARN]: generateKeyPairSync('ec', { namedCurve: 'P-256' }),
  };
  const keyOf = (arn: string | undefined) => {
    const pair = keys[arn ?? ''];
    if (!pair) throw new Error(`NotFoundException: ${arn}`);
    return pair;
  };

  beforeAll(async () => {
    bed = await startAuthTestBed();
    kms.on(SignCommand).callsFake((input: SignCommandInput) => ({
      Signature: new Uint8Array(
        sign('sha256', Buffer.from(input.Message ?? []), {
          key: keyOf(input.KeyId).privateKey,
          dsaEncoding: 'der',
        }),
      ),
    }));
    kms.on(GetPublicKeyCommand).callsFake((input: GetPublicKeyCommandInput) => ({
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
      PublicKey: new Uint8Array(keyOf(input.KeyId).publicKey.export({ format: 'der', type: 'spki' })),
    }));
    process.env[KEY_ENV] = KEY_ARN;
    authDependencies.reset();
  });
  afterAll(async () => {
    delete process.env[KEY_ENV];
    delete process.env[PREVIOUS_KEY_ENV];
    authDependencies.reset();
    kms.restore();
    await bed?.stop();
  });

  it('signs sessions with the KMS key, publishes its public key and accepts the tokens at the authorizer', async () => {
    const session = await call(
      devLogin,
      routeEvent('POST', '/api/auth/dev-login', { body: { email: 'kim@example.com', name: 'Kim' } }),
    );
    expect(session.status).toBe(200);

    const published = await call(jwks, routeEvent('GET', '/.well-known/jwks.json'));
    expect(published.status).toBe(200);
    expect(published.json.keys).toEqual([
      expect.objectContaining({ kid: kmsKeyKid(KEY_ARN), kty: 'EC', crv: 'P-256', alg: 'ES256' }),
    ]);
    // Verified against the published JWKS only, as a third party would.
    const { payload, protectedHeader } = await jwtVerify(
      session.json.accessToken,
      createLocalJWKSet(published.json),
      { algorithms: ['ES256'], issuer: 'urn:soleil:auth', audience: 'urn:soleil:api' },
    );
    expect(protectedHeader.kid).toBe(kmsKeyKid(KEY_ARN));
    expect(payload.email).toBe('kim@example.com');

    const decision = (await authorize({
      ...routeEvent('GET', '/api/auth/me', { token: session.json.accessToken }),
      type: 'REQUEST',
    })) as { isAuthorized: boolean };
    expect(decision.isAuthorized).toBe(true);
    expect(await health()).toMatchObject({ status: 'ok' });
    expect(kms.commandCalls(GetPublicKeyCommand)).toHaveLength(1);
  });

  it('leaves the signing-keys table alone: no private key is generated or stored', async () => {
    expect(authDependencies().keys).not.toBeInstanceOf(StoredSigningKeyProvider);
    const client = new DynamoDBClient({
      endpoint: bed.dynamo.endpoint,
      region: LOCAL_AWS_REGION,
      credentials: LOCAL_AWS_CREDENTIALS,
    });
    const scan = await client.send(new ScanCommand({ TableName: process.env[tableEnvVar('signing-keys')] }));
    client.destroy();
    expect(scan.Count).toBe(0);
  });

  it('after a rotation signs with the new key and still accepts tokens of the previous one', async () => {
    const login = () =>
      call(devLogin, routeEvent('POST', '/api/auth/dev-login', { body: { email: 'kim@example.com' } }));
    const me = (token: string) =>
      authorize({ ...routeEvent('GET', '/api/auth/me', { token }), type: 'REQUEST' }) as Promise<{
        isAuthorized: boolean;
      }>;
    process.env[KEY_ENV] = KEY_ARN;
    authDependencies.reset();
    const before = (await login()).json.accessToken;

    process.env[KEY_ENV] = NEXT_KEY_ARN;
    process.env[PREVIOUS_KEY_ENV] = KEY_ARN;
    authDependencies.reset();
    const published = await call(jwks, routeEvent('GET', '/.well-known/jwks.json'));
    expect(published.json.keys.map((k: { kid: string }) => k.kid)).toEqual([
      kmsKeyKid(NEXT_KEY_ARN),
      kmsKeyKid(KEY_ARN),
    ]);
    const after = (await login()).json.accessToken;
    expect(JSON.parse(Buffer.from(after.split('.')[0], 'base64url').toString()).kid).toBe(
      kmsKeyKid(NEXT_KEY_ARN),
    );
    expect((await me(before)).isAuthorized).toBe(true);
    expect((await me(after)).isAuthorized).toBe(true);
    delete process.env[PREVIOUS_KEY_ENV];
  });

  it('signs with key pairs in the key folder when the platform names one (the embedded platform)', async () => {
    const folder = path.join(bed.keysDir, 'kms-test-folder');
    process.env[KEY_ENV] = pathToFileURL(folder).href;
    authDependencies.reset();
    expect(authDependencies().keys).toBeInstanceOf(StoredSigningKeyProvider);
    // The public GET never creates a key: the first signing does.
    const signedIn = await call(
      devLogin,
      routeEvent('POST', '/api/auth/dev-login', { body: { email: 'stored@example.com' } }),
    );
    const token = signedIn.json.accessToken;
    const published = await call(jwks, routeEvent('GET', '/.well-known/jwks.json'));
    const kid = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).kid;
    expect(kid).not.toBe(kmsKeyKid(KEY_ARN));
    expect(published.json.keys.map((k: { kid: string }) => k.kid)).toContain(kid);
    expect(readdirSync(folder)).toEqual([`${encodeURIComponent(kid)}.json`]);
  });

  it('refuses to sign at all when the platform names no key, rather than keep one in a table', async () => {
    delete process.env[KEY_ENV];
    authDependencies.reset();
    // Each dependency is built on first use: the signing keys are the one that cannot be.
    expect(() => authDependencies().keys).toThrow(MissingSigningKeyError);
    const signIn = await call(
      devLogin,
      routeEvent('POST', '/api/auth/dev-login', { body: { email: 'nokey@example.com' } }),
    );
    expect(signIn.status).toBe(500);
  });
});
