import { createServer } from 'node:net';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LOCAL_AWS_CREDENTIALS,
  LOCAL_AWS_REGION,
  LOCAL_NAMES,
} from '../../../../infra/local/shared/localNames.ts';
import { type EmbeddedPlatform, startPlatform } from '../../../../infra/local/startPlatform.ts';
import { repositoryRoot } from '../../../../shared/platformModel/loadPlatformModel.ts';
import {
  type BandSession,
  createBandAsLeader,
  driveCall,
  driveEventsOf,
  eventually,
} from '../../../helpers/driveLibraryBed.ts';
import {
  type FakeGoogleDrive,
  startFakeGoogleDrive,
} from '../../../helpers/fakeGoogleDrive/startFakeGoogleDrive.ts';

// The real auth, core, drive and content modules (tests/fixtures/drive-push-platform: symlinks; sync and
// dashboard left out, their reactions to every sign-in only slow a loaded machine down) on the embedded
// platform with the drive's provider set to google-drive, against the fake Google Drive on loopback; the
// fake delivers its push notifications to the platform's webhook.
let drive: FakeGoogleDrive;
let platform: EmbeddedPlatform;
let leader: BandSession;
let folderId: string;
let webhook: string;

const began = Date.now();
/** Where the set-up's time goes, with DEBUG_PUSH=1 (cold starts on a loaded machine are slow). */
const step = (what: string) => {
  if (process.env.DEBUG_PUSH)
    console.log(`[push test] ${Math.round((Date.now() - began) / 1000)} s: ${what}`);
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const scheduled = (id: string) => ({
  version: '0',
  id,
  source: 'aws.events',
  account: LOCAL_NAMES.account,
  time: new Date().toISOString(),
  region: LOCAL_AWS_REGION,
  resources: [],
  'detail-type': 'Scheduled Event',
  detail: {},
});

const runSchedule = async (functionId: string): Promise<unknown> => {
  const result = await platform.invoke(functionId, scheduled(`${functionId}-${Date.now()}`));
  if (!result.ok) throw new Error(`${functionId} failed: ${result.errorType}: ${result.errorMessage}`);
  return result.result;
};

const documents = () =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: platform.urls.dynamodb,
      region: LOCAL_AWS_REGION,
      credentials: LOCAL_AWS_CREDENTIALS,
    }),
  );
const feedTable = () => LOCAL_NAMES.tableName('drive-change-feed');
const storedChannels = async () =>
  ((await documents().send(new ScanCommand({ TableName: feedTable() }))).Items ?? []).filter((item) =>
    String(item.id).startsWith('channel#'),
  ) as { id: string; channelId: string; resourceId: string; token: string; expiresAt: string }[];

const notify = (headers: Record<string, string>) => fetch(webhook, { method: 'POST', headers });
const named = (name: string) => driveEventsOf(platform, leader.bandId).filter((e) => e.name === name);
const notices = () =>
  platform.archive
    .between(0, Number.MAX_SAFE_INTEGER)
    .filter(({ event }) => event['detail-type'] === 'drive.changes_notified').length;

beforeAll(async () => {
  drive = await startFakeGoogleDrive();
  const httpPort = await freePort();
  webhook = `http://127.0.0.1:${httpPort}/api/drive/notifications`;
  platform = await startPlatform({
    functionsDir: path.join(repositoryRoot(), 'tests/fixtures/drive-push-platform/functions'),
    ports: { http: httpPort, ws: 0, aws: 0, dynamodb: 0 },
    dataDir: null,
    schedules: false,
    functionOutput: process.env.DEBUG_PUSH ? 'inherit' : 'silent',
    log: process.env.DEBUG_PUSH ? (line) => console.log(line) : () => undefined,
    extraEnv: {
      SOLEIL_DRIVE_PROVIDER: 'google-drive',
      SOLEIL_DRIVE_GOOGLE_API_URL: drive.apiBaseUrl,
      SOLEIL_DRIVE_WEBHOOK_URL: webhook,
    },
  });
  // The operator's step (drive README): put the key file into the secret the stack created empty.
  await new SecretsManagerClient({
    endpoint: platform.urls.aws,
    region: LOCAL_AWS_REGION,
    credentials: LOCAL_AWS_CREDENTIALS,
  }).send(
    new PutSecretValueCommand({
      SecretId: LOCAL_NAMES.secretName('drive-google-service-account'),
      SecretString: drive.serviceAccountKeyJson,
    }),
  );
  step('platform started, key put');
  leader = await createBandAsLeader(platform, 'leader@push.example');
  step('band created');
  await eventually(
    async () =>
      (await driveCall(platform, leader, 'GET', `/api/drive/bands/${leader.bandId}/source`)).status === 200,
    'the band’s library',
    120_000,
    1_000,
  );
  step('library ready');
  folderId = drive.state.addFolder('The Push Band', drive.state.addHiddenFolder());
  drive.state.addFile('Existing_Bb.pdf', folderId, '%PDF-1.4 already there\n');
}, 300_000);

afterAll(async () => {
  await drive?.notificationsSettled();
  await platform?.stop();
  await drive?.stop();
});

describe('Google Drive push notifications on the embedded platform', () => {
  it('binds a shared folder and names the service account to share it with', async () => {
    const bound = await driveCall(platform, leader, 'PUT', `/api/drive/bands/${leader.bandId}/source`, {
      folderId,
    });
    expect(bound.status).toBe(200);
    expect(await bound.json()).toMatchObject({
      provider: 'google-drive',
      bound: true,
      serviceAccountEmail: drive.clientEmail,
    });
  }, 60_000);

  it('polls once to start the feed (a full listing), then opens a push channel', async () => {
    expect(await runSchedule('drive-pollLibraries')).toMatchObject({ feed: 'full' });
    await eventually(async () => named('drive.file_added').length === 1, 'the existing file', 60_000);

    const renewal = (await runSchedule('drive-renewChannels')) as { opened: string | null };
    expect(renewal.opened).not.toBeNull();
    const channels = await storedChannels();
    expect(channels.map((c) => c.channelId)).toEqual([renewal.opened]);
  }, 120_000);

  it('publishes drive.file_added for a file added in Drive once Google’s notification arrives, and content catalogues it', async () => {
    drive.state.addFile('AllOfMe_Bb.pdf', folderId, '%PDF-1.4 all of me\n');
    const added = await eventually(
      async () =>
        named('drive.file_added').find((e) => (e.data.file as { name: string }).name === 'AllOfMe_Bb.pdf'),
      'drive.file_added for AllOfMe_Bb.pdf',
      60_000,
    );
    expect(added.data.bandId).toBe(leader.bandId);
    await drive.notificationsSettled();
    expect(drive.notifications.filter((n) => n.state === 'change').map((n) => n.status)).toContain(204);
    // It came by the feed, not by a listing: the only listing of the folder is the first poll's.
    const listings = drive.requests.filter(
      (r) => r.operation === 'files.list' && r.query.q?.includes(folderId),
    );
    expect(listings).toHaveLength(1);
    await eventually(
      async () => {
        const response = await driveCall(
          platform,
          leader,
          'GET',
          `/api/content/bands/${leader.bandId}/songs?view=all`,
        );
        return response.status === 200 && JSON.stringify(await response.json()).includes('AllOfMe_Bb.pdf');
      },
      'the song in content’s catalogue',
      60_000,
    );
  }, 120_000);

  it('rides out Drive answering 429 three times: the sync completes once Drive answers, nothing lost', async () => {
    const completedBefore = named('drive.sync_completed').length;
    const readsBefore = drive.requests.filter((r) => r.operation === 'changes.list').length;
    drive.injectFaults(
      { status: 429, operation: 'changes.list' },
      { status: 429, operation: 'changes.list' },
      { status: 429, operation: 'changes.list' },
    );
    drive.state.addFile('RateLimited_Bb.pdf', folderId, '%PDF-1.4 after the rate limit\n');
    await eventually(
      async () =>
        named('drive.file_added').some(
          (e) => (e.data.file as { name: string }).name === 'RateLimited_Bb.pdf',
        ),
      'drive.file_added for RateLimited_Bb.pdf',
      60_000,
    );
    await eventually(
      async () => named('drive.sync_completed').length > completedBefore,
      'drive.sync_completed after the rate limit',
      60_000,
    );
    // The feed was read through the three refusals (backing off), then answered; the file came once.
    const reads = drive.requests.filter((r) => r.operation === 'changes.list').slice(readsBefore);
    expect(reads.slice(0, 4).map((r) => r.status)).toEqual([429, 429, 429, 200]);
    const added = named('drive.file_added').filter(
      (e) => (e.data.file as { name: string }).name === 'RateLimited_Bb.pdf',
    );
    expect(added).toHaveLength(1);
  }, 120_000);

  it('refuses forged notifications alike, with no side effect', async () => {
    const [channel] = await storedChannels();
    if (!channel) throw new Error('no channel');
    const genuine = {
      'x-goog-channel-id': channel.channelId,
      'x-goog-channel-token': channel.token,
      'x-goog-resource-id': channel.resourceId,
      'x-goog-resource-state': 'change',
    };
    const before = notices();
    const forged = [
      // The last character changed (to another one: a token may already end in 'A').
      {
        ...genuine,
        'x-goog-channel-token': `${channel.token.slice(0, -1)}${channel.token.endsWith('A') ? 'B' : 'A'}`,
      },
      { ...genuine, 'x-goog-channel-id': crypto.randomUUID() },
      { ...genuine, 'x-goog-resource-id': 'res-somebody-else' },
      { 'x-goog-resource-state': 'change' },
    ];
    const bodies = new Set<string>();
    for (const headers of forged) {
      const response = await notify(headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const { detail, title, type } = (await response.json()) as Record<string, unknown>;
      bodies.add(JSON.stringify({ detail, title, type }));
    }
    expect(bodies.size).toBe(1);
    // The genuine one is accepted, and Google's handshake acknowledged without a read.
    expect((await notify({ ...genuine, 'x-goog-resource-state': 'sync' })).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(notices()).toBe(before);
    expect((await notify(genuine)).status).toBe(204);
    await eventually(async () => notices() === before + 1, 'the genuine notification’s read', 60_000);
  }, 60_000);

  it('replaces a channel about to expire and stops the old one, whose notifications are then refused', async () => {
    const [old] = await storedChannels();
    if (!old) throw new Error('no channel');
    await documents().send(
      new UpdateCommand({
        TableName: feedTable(),
        Key: { id: old.id },
        UpdateExpression: 'SET expiresAt = :soon',
        ExpressionAttributeValues: { ':soon': new Date(Date.now() + 30 * 60_000).toISOString() },
      }),
    );
    const stopsBefore = drive.requests.filter(
      (r) => r.operation === 'channels.stop' && r.status === 204,
    ).length;

    const renewal = (await runSchedule('drive-renewChannels')) as { opened: string; stopped: number };

    expect(renewal.stopped).toBe(1);
    expect(renewal.opened).not.toBe(old.channelId);
    expect((await storedChannels()).map((c) => c.channelId)).toEqual([renewal.opened]);
    expect(drive.requests.filter((r) => r.operation === 'channels.stop' && r.status === 204)).toHaveLength(
      stopsBefore + 1,
    );
    const stale = await notify({
      'x-goog-channel-id': old.channelId,
      'x-goog-channel-token': old.token,
      'x-goog-resource-id': old.resourceId,
      'x-goog-resource-state': 'change',
    });
    expect(stale.status).toBe(401);
    // The new channel delivers: a rename reaches the bus as one drive.file_changed.
    const existing = named('drive.file_added').find(
      (e) => (e.data.file as { name: string }).name === 'Existing_Bb.pdf',
    );
    if (!existing) throw new Error('Existing_Bb.pdf was never added');
    drive.state.rename((existing.data.file as { fileId: string }).fileId, 'Renamed_Bb.pdf');
    const changed = await eventually(async () => named('drive.file_changed')[0], 'the rename', 60_000);
    expect(changed.data).toMatchObject({ previousName: 'Existing_Bb.pdf', changes: ['name'] });
  }, 120_000);

  it('answers 4xx problem+json, never 5xx, to any notification (fast-check)', async () => {
    const [channel] = await storedChannels();
    const headerName = fc.constantFrom(
      'x-goog-channel-id',
      'x-goog-channel-token',
      'x-goog-resource-id',
      'x-goog-resource-state',
      'x-goog-message-number',
      'content-type',
      'x-goog-channel-expiration',
    );
    const headerValue = fc.oneof(
      fc.string({ maxLength: 80 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
      fc.constantFrom(
        channel?.channelId ?? '',
        channel?.resourceId ?? '',
        'sync',
        'change',
        '-1',
        'x'.repeat(3000),
      ),
    );
    const before = notices();
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(headerName, headerValue),
        fc.oneof(
          fc.constant(undefined),
          fc.string({ maxLength: 300 }),
          fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
        ),
        async (headers, body) => {
          fc.pre(headers['x-goog-channel-token'] !== channel?.token);
          const response = await fetch(webhook, {
            method: 'POST',
            headers,
            ...(body === undefined ? {} : { body }),
          });
          const text = await response.text();
          if (response.status >= 500) throw new Error(`answered ${response.status}: ${text}`);
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.headers.get('content-type')).toContain('problem+json');
        },
      ),
      { numRuns: 60 },
    );
    expect(notices()).toBe(before);
  }, 180_000);
});
