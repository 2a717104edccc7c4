import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BANDS_PER_USER } from '../../../../functions/auth/domain/authConstants.ts';
import { AUTH_TABLES } from '../../../../functions/auth/store/authTableNames.ts';
import { DynamoDbBandStore } from '../../../../functions/auth/store/DynamoDbBandStore.ts';
import { DynamoDbSessionStore } from '../../../../functions/auth/store/DynamoDbSessionStore.ts';
import { DynamoDbUserStore } from '../../../../functions/auth/store/DynamoDbUserStore.ts';
import {
  BandExistsError,
  ConcurrentChangeError,
  EmailAlreadyRegisteredError,
  TooManyBandsError,
  TooManyMembershipsError,
} from '../../../../functions/auth/store/storeErrors.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../../../infra/local/shared/localNames.ts';
import { tableEnvVar } from '../../../../shared/contracts/platformEnvironment.ts';
import { OUTBOX_TABLE_NAME } from '../../../../shared/platformModel/modelConstants.ts';
import { DynamoDbOutboxStore, type OutboxEvent, outboxEvent } from '../../../../shared/runtime/index.ts';
import { type AuthTestBed, startAuthTestBed } from './authTestBed.ts';

const table = (name: string): string => process.env[tableEnvVar(name)] ?? '';
const now = '2025-01-01T00:00:00.000Z';
const loggedOut = (sessionId: string): OutboxEvent =>
  outboxEvent('auth.user_logged_out', { userId: 'u', sessionId, reason: 'logout' }, {}, new Date(now));
const granted = (bandId: string, userId: string): OutboxEvent =>
  outboxEvent(
    'auth.permission_updated',
    { bandId, userId, change: 'granted', role: 'member', previousRole: null, changedBy: userId },
    { bandId },
    new Date(now),
  );

describe('auth stores on DynamoDB Local: the invariants that need atomic writes', () => {
  let bed: AuthTestBed;
  let client: DynamoDBClient;
  beforeAll(async () => {
    bed = await startAuthTestBed();
    client = new DynamoDBClient({
      endpoint: bed.dynamo.endpoint,
      region: LOCAL_AWS_REGION,
      credentials: LOCAL_AWS_CREDENTIALS,
    });
  });
  afterAll(async () => {
    client?.destroy();
    await bed?.stop();
  });
  const bandStore = () =>
    new DynamoDbBandStore(client, {
      bands: table(AUTH_TABLES.bands),
      memberships: table(AUTH_TABLES.memberships),
      users: table(AUTH_TABLES.users),
      outbox: table(OUTBOX_TABLE_NAME),
    });
  const sessionStore = () =>
    new DynamoDbSessionStore(client, {
      sessions: table(AUTH_TABLES.sessions),
      refreshTokens: table(AUTH_TABLES.refreshTokens),
      outbox: table(OUTBOX_TABLE_NAME),
    });
  const outboxIds = async (): Promise<string[]> => {
    const doc = DynamoDBDocumentClient.from(client);
    const items = (await doc.send(new ScanCommand({ TableName: table(OUTBOX_TABLE_NAME) }))).Items ?? [];
    return items.map((i) => i.eventId as string);
  };
  const makeUsers = async (...userIds: string[]) => {
    const users = new DynamoDbUserStore(client, table(AUTH_TABLES.users));
    for (const userId of userIds) {
      await users.createUser({
        userId,
        email: `${userId}@example.com`,
        name: userId,
        instruments: [],
        createdAt: now,
      });
    }
  };

  it('lets only one of two racing first sign-ins claim an email', async () => {
    const users = new DynamoDbUserStore(client, table(AUTH_TABLES.users));
    const make = (userId: string) => ({
      userId,
      email: 'race@example.com',
      name: 'R',
      instruments: [],
      createdAt: now,
    });
    const results = await Promise.allSettled([users.createUser(make('u-a')), users.createUser(make('u-b'))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(EmailAlreadyRegisteredError);
    const winner = await users.findUserByEmail('race@example.com');
    expect(['u-a', 'u-b']).toContain(winner?.userId);
  });

  it('never lets two leaders demote each other into a band without a leader', async () => {
    await makeUsers('l1', 'l2');
    const bands = bandStore();
    await bands.createBand(
      { bandId: 'duo', name: 'Duo', createdBy: 'l1', createdAt: now },
      { bandId: 'duo', userId: 'l1', role: 'leader', joinedAt: now },
      [],
    );
    expect(await bands.addMember({ bandId: 'duo', userId: 'l2', role: 'leader', joinedAt: now }, [])).toBe(
      true,
    );
    const duplicate = granted('duo', 'l2');
    expect(
      await bands.addMember({ bandId: 'duo', userId: 'l2', role: 'member', joinedAt: now }, [duplicate]),
    ).toBe(false);
    expect(await outboxIds()).not.toContain(duplicate.eventId);
    const results = await Promise.allSettled([
      bands.changeRole('duo', 'l1', 'leader', 'member', []),
      bands.changeRole('duo', 'l2', 'leader', 'member', []),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(
      ConcurrentChangeError,
    );
    const members = await bands.listMembers('duo');
    expect(members.filter((m) => m.role === 'leader')).toHaveLength(1);
    expect((await bands.getBand('duo'))?.leaderCount).toBe(1);
    const lastLeader = members.find((m) => m.role === 'leader');
    const refused = granted('duo', lastLeader?.userId ?? '');
    await expect(
      bands.removeMember('duo', lastLeader?.userId ?? '', 'leader', [refused]),
    ).rejects.toBeInstanceOf(ConcurrentChangeError);
    // The refused change wrote nothing: not even its event.
    expect(await outboxIds()).not.toContain(refused.eventId);
  });

  it('commits a change and its outbox events together; the outbox store lists and deletes them', async () => {
    await makeUsers('ob1', 'ob2');
    const bands = bandStore();
    const event = granted('ob-band', 'ob1');
    await bands.createBand(
      { bandId: 'ob-band', name: 'Ob', createdBy: 'ob1', createdAt: now },
      { bandId: 'ob-band', userId: 'ob1', role: 'leader', joinedAt: now },
      [event],
    );
    await expect(
      bands.createBand(
        { bandId: 'ob-band', name: 'Ob', createdBy: 'ob1', createdAt: now },
        { bandId: 'ob-band', userId: 'ob1', role: 'leader', joinedAt: now },
        [granted('ob-band', 'ob1')],
      ),
    ).rejects.toBeInstanceOf(BandExistsError);
    const outbox = new DynamoDbOutboxStore(client, table(OUTBOX_TABLE_NAME));
    const waiting = await outbox.listWaiting(new Date('2030-01-01T00:00:00Z'), 100);
    expect(waiting.find((e) => e.eventId === event.eventId)).toEqual(event);
    expect(await outbox.listWaiting(new Date(now), 100)).toEqual([]);
    await outbox.deleteEvents([event.eventId]);
    expect(await outboxIds()).not.toContain(event.eventId);
  });

  it(`refuses a band past ${MAX_BANDS_PER_USER} per user, and a list longer than that is an error`, async () => {
    await makeUsers('busy');
    const bands = bandStore();
    const doc = DynamoDBDocumentClient.from(client);
    // The counter allows one more band; the user already holds MAX - 1.
    await doc.send(
      new BatchWriteCommand({
        RequestItems: {
          [table(AUTH_TABLES.users)]: [
            {
              PutRequest: {
                Item: {
                  pk: 'USER#busy',
                  userId: 'busy',
                  email: 'busy@example.com',
                  name: 'busy',
                  instruments: [],
                  createdAt: now,
                  bandCount: MAX_BANDS_PER_USER - 1,
                },
              },
            },
          ],
        },
      }),
    );
    const create = (bandId: string) =>
      bands.createBand(
        { bandId, name: bandId, createdBy: 'busy', createdAt: now },
        { bandId, userId: 'busy', role: 'leader', joinedAt: now },
        [],
      );
    await create('busy-last');
    await expect(create('busy-one-too-many')).rejects.toBeInstanceOf(TooManyBandsError);
    expect(await bands.getBand('busy-one-too-many')).toBeNull();
    // Memberships written around the counter (older data) are refused on read, not truncated.
    const extra = Array.from({ length: MAX_BANDS_PER_USER }, (_, i) => ({
      PutRequest: { Item: { bandId: `old-${i}`, userId: 'busy', role: 'member', joinedAt: now } },
    }));
    for (let i = 0; i < extra.length; i += 25) {
      await doc.send(
        new BatchWriteCommand({ RequestItems: { [table(AUTH_TABLES.memberships)]: extra.slice(i, i + 25) } }),
      );
    }
    await expect(bands.listMembershipsOfUser('busy')).rejects.toBeInstanceOf(TooManyMembershipsError);
  });

  it('lists a user’s bands with one index query', async () => {
    await makeUsers('multi');
    const bands = bandStore();
    for (const bandId of ['x1', 'x2']) {
      await bands.createBand(
        { bandId, name: bandId, createdBy: 'multi', createdAt: now },
        { bandId, userId: 'multi', role: 'leader', joinedAt: now },
        [],
      );
    }
    expect((await bands.listMembershipsOfUser('multi')).map((m) => m.bandId).sort()).toEqual(['x1', 'x2']);
  });

  it('spends a refresh token once: of two concurrent rotations one fails', async () => {
    const sessions = sessionStore();
    const token = (tokenHash: string) => ({
      tokenHash,
      sessionId: 's-race',
      userId: 'u',
      status: 'active' as const,
      issuedAt: now,
      expiresAt: 9e9,
    });
    await sessions.createSession(
      { sessionId: 's-race', userId: 'u', method: 'dev', status: 'active', createdAt: now, expiresAt: 9e9 },
      token('h0'),
      [],
    );
    const results = await Promise.allSettled([
      sessions.rotate('h0', token('h1'), []),
      sessions.rotate('h0', token('h2'), []),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await sessions.getRefreshToken('h0'))?.status).toBe('used');
    const first = loggedOut('s-race');
    const second = loggedOut('s-race');
    expect(await sessions.revokeSession('s-race', 'logout', [first])).toBe(true);
    expect(await sessions.revokeSession('s-race', 'logout', [second])).toBe(false);
    const ids = await outboxIds();
    expect(ids).toContain(first.eventId);
    expect(ids).not.toContain(second.eventId);
    await expect(sessions.rotate('h1', token('h3'), [])).rejects.toBeInstanceOf(ConcurrentChangeError);
  });
});
