import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../../../infra/local/shared/localNames.ts';
import { type EmbeddedPlatform, startPlatform } from '../../../../infra/local/startPlatform.ts';

// What `npm start` keeps on disk, and who can use it: the repository's modules with a data folder.
const dataDir = mkdtempSync(path.join(tmpdir(), 'soleil-at-rest-'));
const keyFolder = path.join(dataDir, 'signing-keys', 'auth-access-tokens');
const start = () =>
  startPlatform({
    ports: { http: 0, ws: 0, aws: 0, dynamodb: 0 },
    dataDir,
    schedules: false,
    functionOutput: 'silent',
    log: () => undefined,
  });

let platform: EmbeddedPlatform;
let session: { accessToken: string; user: { userId: string } };

const devLogin = async (email: string) => {
  const response = await fetch(`${platform.urls.http}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, name: email.split('@')[0] }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as typeof session;
};
const me = (token: string) =>
  fetch(`${platform.urls.http}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  platform = await start();
  session = await devLogin('ana@example.com');
});
afterAll(async () => {
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const keyFile = () => {
  const [name, ...others] = readdirSync(keyFolder);
  expect(others).toEqual([]);
  return path.join(keyFolder, name ?? '');
};

describe('the private signing key of the embedded platform', () => {
  it('is in a file of its own (0600, in 0700 folders), and in no table of DynamoDB Local', async () => {
    expect((await me(session.accessToken)).status).toBe(200);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(keyFolder).mode & 0o777).toBe(0o700);
    expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
    const { privateJwk } = JSON.parse(readFileSync(keyFile(), 'utf8')) as { privateJwk: { d: string } };

    const dynamo = new DynamoDBClient({
      endpoint: platform.urls.dynamodb,
      region: LOCAL_AWS_REGION,
      credentials: LOCAL_AWS_CREDENTIALS,
    });
    const everything: unknown[] = [];
    for (const table of platform.model.tables) {
      const scan = await dynamo.send(new ScanCommand({ TableName: `soleil-${table.id}` }));
      everything.push(...(scan.Items ?? []));
    }
    dynamo.destroy();
    expect(everything.length).toBeGreaterThan(0);
    const dump = JSON.stringify(everything);
    expect(dump).not.toContain('privateJwk');
    expect(dump).not.toContain(privateJwk.d);
  });

  it('cannot mint a long-lived token for someone else: a 10-year token signed with it is refused', async () => {
    const { kid, privateJwk } = JSON.parse(readFileSync(keyFile(), 'utf8')) as {
      kid: string;
      privateJwk: Record<string, string>;
    };
    const forge = (lifetimeSeconds: number) => {
      const now = Math.floor(Date.now() / 1000);
      return importJWK(privateJwk, 'ES256').then((key) =>
        new SignJWT({
          email: 'mallory@example.com',
          name: 'Mallory',
          memberships: [],
          instruments: [],
        })
          .setProtectedHeader({ alg: 'ES256', kid })
          .setSubject(session.user.userId)
          .setIssuer('urn:soleil:auth')
          .setAudience('urn:soleil:api')
          .setJti('forged')
          .setIssuedAt(now)
          .setExpirationTime(now + lifetimeSeconds)
          .sign(key),
      );
    };
    const tenYears = await forge(10 * 365 * 24 * 60 * 60);
    expect((await me(tenYears)).status).toBe(401);
    const createBand = await fetch(`${platform.urls.http}/api/auth/bands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenYears}` },
      body: JSON.stringify({ name: 'Forged' }),
    });
    expect(createBand.status).toBe(401);
    // The same key with the lifetime auth issues is accepted: the lifetime is what the refusal is about.
    expect((await me(await forge(15 * 60))).status).toBe(200);
  });

  it('is kept across restarts: a token from before the restart still verifies, with the same one key', async () => {
    const before = keyFile();
    await platform.stop();
    platform = await start();
    expect((await me(session.accessToken)).status).toBe(200);
    expect(keyFile()).toBe(before);
    // A stop and a whole start, DynamoDB Local's JVM included.
  }, 120_000);
});
