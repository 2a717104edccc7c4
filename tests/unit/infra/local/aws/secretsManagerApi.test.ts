import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GoogleDriveNotConfiguredError,
  readSecretString,
} from '../../../../../functions/drive/providers/googleDrive/GoogleDriveAccess.ts';
import { LocalAwsEndpoint } from '../../../../../infra/local/aws/LocalAwsEndpoint.ts';
import { DeadLetterStore } from '../../../../../infra/local/deadLetters/DeadLetterStore.ts';
import { EventArchive } from '../../../../../infra/local/events/EventArchive.ts';
import { EventRouter } from '../../../../../infra/local/events/EventRouter.ts';
import { RetryPolicy } from '../../../../../infra/local/events/RetryPolicy.ts';

const region = 'eu-west-1';
const secret = 'soleil-drive-google-service-account';
const invoke = async () => ({ ok: true as const, result: null });
const router = new EventRouter({
  rules: [],
  invoke,
  retryPolicy: new RetryPolicy({ timeScale: 0.001 }),
  deadLetters: new DeadLetterStore(),
  archive: new EventArchive(),
});

let folder = '';
let endpoint: LocalAwsEndpoint;
let client: SecretsManagerClient;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'soleil-secrets-'));
  endpoint = new LocalAwsEndpoint({
    eventBridge: { router, rules: [], region },
    lambda: { invoke, hasFunction: () => false, region },
    admin: { router, deadLetters: new DeadLetterStore() },
    connections: () => undefined,
    secretsManager: { folder, secrets: [secret], region },
  });
  const { url } = await endpoint.start(0);
  client = new SecretsManagerClient({
    endpoint: url,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  client.destroy();
  router.stop();
  await endpoint.stop();
  await rm(folder, { recursive: true, force: true });
});

describe('the local Secrets Manager subset', () => {
  it('has the model’s secrets, created empty: no value before one is put (drive reads that as not configured)', async () => {
    expect((await client.send(new DescribeSecretCommand({ SecretId: secret }))).Name).toBe(secret);
    await expect(client.send(new GetSecretValueCommand({ SecretId: secret }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(readSecretString(client, secret)).rejects.toBeInstanceOf(GoogleDriveNotConfiguredError);
  });

  it('answers the value put with the SDK (what `aws secretsmanager put-secret-value` sends), by name or ARN', async () => {
    const put = await client.send(
      new PutSecretValueCommand({ SecretId: secret, SecretString: '{"client_email":"a@b"}' }),
    );
    expect(put.VersionStages).toEqual(['AWSCURRENT']);
    const byName = await client.send(new GetSecretValueCommand({ SecretId: secret }));
    expect(byName.SecretString).toBe('{"client_email":"a@b"}');
    const byArn = await client.send(new GetSecretValueCommand({ SecretId: byName.ARN }));
    expect(byArn.SecretString).toBe('{"client_email":"a@b"}');
    expect(await readSecretString(client, secret)).toBe('{"client_email":"a@b"}');
  });

  it('keeps the value in a file only its owner can read', async () => {
    const [file] = await readdir(folder);
    expect(file).toBe(secret);
    expect((await stat(path.join(folder, file ?? ''))).mode & 0o777).toBe(0o600);
  });

  it('knows no other secret, and refuses an empty value', async () => {
    await expect(
      client.send(new PutSecretValueCommand({ SecretId: 'soleil-other', SecretString: 'x' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(
      client.send(new GetSecretValueCommand({ SecretId: '../../etc/passwd' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(
      client.send(new PutSecretValueCommand({ SecretId: secret, SecretString: '' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});
