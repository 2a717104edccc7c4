import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_TABLES } from '../../../functions/auth/store/authTableNames.ts';
import { DynamoDbBandStore } from '../../../functions/auth/store/DynamoDbBandStore.ts';
import { DynamoDbSessionStore } from '../../../functions/auth/store/DynamoDbSessionStore.ts';
import { DynamoDbUserStore } from '../../../functions/auth/store/DynamoDbUserStore.ts';
import {
  ConcurrentChangeError,
  EmailAlreadyRegisteredError,
} from '../../../functions/auth/store/storeErrors.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../../infra/local/dynamodb/startDynamoDbLocal.ts';
import { tableEnvVar } from '../../../shared/platformModel/modelConstants.ts';
import { type AuthTestBed, startAuthTestBed } from './authTestBed.ts';

const table = (name: string): string => process.env[tableEnvVar(name)] ?? '';
const now = '2025-01-01T00:00:00.000Z';

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
    const bands = new DynamoDbBandStore(client, {
      bands: table(AUTH_TABLES.bands),
      memberships: table(AUTH_TABLES.memberships),
    });
    await bands.createBand(
      { bandId: 'duo', name: 'Duo', createdBy: 'l1', createdAt: now },
      { bandId: 'duo', userId: 'l1', role: 'leader', joinedAt: now },
    );
    expect(await bands.addMember({ bandId: 'duo', userId: 'l2', role: 'leader', joinedAt: now })).toBe(true);
    expect(await bands.addMember({ bandId: 'duo', userId: 'l2', role: 'member', joinedAt: now })).toBe(false);
    const results = await Promise.allSettled([
      bands.changeRole('duo', 'l1', 'leader', 'member'),
      bands.changeRole('duo', 'l2', 'leader', 'member'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(
      ConcurrentChangeError,
    );
    const members = await bands.listMembers('duo');
    expect(members.filter((m) => m.role === 'leader')).toHaveLength(1);
    expect((await bands.getBand('duo'))?.leaderCount).toBe(1);
    const lastLeader = members.find((m) => m.role === 'leader');
    await expect(bands.removeMember('duo', lastLeader?.userId ?? '', 'leader')).rejects.toBeInstanceOf(
      ConcurrentChangeError,
    );
  });

  it('lists a user’s bands with one index query', async () => {
    const bands = new DynamoDbBandStore(client, {
      bands: table(AUTH_TABLES.bands),
      memberships: table(AUTH_TABLES.memberships),
    });
    for (const bandId of ['x1', 'x2']) {
      await bands.createBand(
        { bandId, name: bandId, createdBy: 'multi', createdAt: now },
        { bandId, userId: 'multi', role: 'leader', joinedAt: now },
      );
    }
    expect((await bands.listMembershipsOfUser('multi')).map((m) => m.bandId).sort()).toEqual(['x1', 'x2']);
  });

  it('spends a refresh token once: of two concurrent rotations one fails', async () => {
    const sessions = new DynamoDbSessionStore(client, {
      sessions: table(AUTH_TABLES.sessions),
      refreshTokens: table(AUTH_TABLES.refreshTokens),
    });
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
    );
    const results = await Promise.allSettled([
      sessions.rotate('h0', token('h1')),
      sessions.rotate('h0', token('h2')),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await sessions.getRefreshToken('h0'))?.status).toBe('used');
    expect(await sessions.revokeSession('s-race', 'logout')).toBe(true);
    expect(await sessions.revokeSession('s-race', 'logout')).toBe(false);
    await expect(sessions.rotate('h1', token('h3'))).rejects.toBeInstanceOf(ConcurrentChangeError);
  });
});
