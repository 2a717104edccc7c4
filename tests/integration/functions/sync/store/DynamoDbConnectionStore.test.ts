import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subscription } from '../../../../../functions/sync/domain/liveRecords.ts';
import manifest from '../../../../../functions/sync/module.ts';
import { DynamoDbConnectionStore } from '../../../../../functions/sync/store/DynamoDbConnectionStore.ts';
import { SYNC_TABLES } from '../../../../../functions/sync/store/syncTableNames.ts';
import { createModelTables } from '../../../../../infra/local/dynamodb/createModelTables.ts';
import { LOCAL_NAMES } from '../../../../../infra/local/shared/localNames.ts';
import { eventContracts } from '../../../../../shared/contracts/eventCatalog.ts';
import { buildPlatformModel } from '../../../../../shared/platformModel/buildPlatformModel.ts';
import { type LocalDynamoDb, startLocalDynamoDb } from '../../../../helpers/localDynamoDb.ts';

const EXPIRES = 2_000_000_000;
let dynamo: LocalDynamoDb;
let store: DynamoDbConnectionStore;

beforeAll(async () => {
  dynamo = await startLocalDynamoDb();
  // The module's tables as the platform makes them from its manifest, indexes included.
  await createModelTables(dynamo.client, buildPlatformModel([manifest], { eventContracts }));
  store = new DynamoDbConnectionStore(
    dynamo.client,
    LOCAL_NAMES.tableName(`sync-${SYNC_TABLES.connections}`),
  );
});

afterAll(async () => {
  await dynamo?.stop();
});

const connected = async (connectionId: string, userId: string, bands: readonly string[]): Promise<void> => {
  await store.putConnection({
    connectionId,
    userId,
    instruments: [],
    connectedAt: '2026-11-30T07:00:00.000Z',
    expiresAt: EXPIRES,
  });
  for (const bandId of bands) {
    const subscription: Subscription = {
      connectionId,
      bandId,
      userId,
      role: 'member',
      instruments: [],
      expiresAt: EXPIRES,
    };
    expect(await store.subscribe(subscription)).toBe(true);
  }
};

describe('DynamoDbConnectionStore.countUserSubscriptions', () => {
  it('counts the user’s subscriptions in one band only, up to the bound asked', async () => {
    await connected('c1', 'ana', ['band-a', 'band-b']);
    await connected('c2', 'ana', ['band-a']);
    await connected('c3', 'ana', ['band-a']);
    await connected('c4', 'ben', ['band-a']);
    expect(await store.countUserSubscriptions('ana', 'band-a', 2)).toBe(2);
    expect(await store.countUserSubscriptions('ana', 'band-a', 10)).toBe(3);
    expect(await store.countUserSubscriptions('ana', 'band-b', 2)).toBe(1);
    expect(await store.countUserSubscriptions('ana', 'band-c', 2)).toBe(0);
    expect(await store.countUserSubscriptions('ben', 'band-a', 2)).toBe(1);
    await store.deleteConnection('c1');
    expect(await store.countUserSubscriptions('ana', 'band-b', 2)).toBe(0);
    expect(await store.countUserSubscriptions('ana', 'band-a', 10)).toBe(2);
  });
});

describe('DynamoDbConnectionStore.subscriptionsOfUserInBand', () => {
  it('reads the user’s subscriptions to that band only', async () => {
    await connected('u1', 'cleo', ['band-x', 'band-y']);
    await connected('u2', 'cleo', ['band-x']);
    await connected('u3', 'dan', ['band-x']);
    const found = await store.subscriptionsOfUserInBand('cleo', 'band-x');
    expect(found.map((s) => [s.connectionId, s.bandId, s.userId, s.role]).sort()).toEqual([
      ['u1', 'band-x', 'cleo', 'member'],
      ['u2', 'band-x', 'cleo', 'member'],
    ]);
    expect(await store.subscriptionsOfUserInBand('cleo', 'band-z')).toEqual([]);
  });
});

describe('DynamoDbConnectionStore.subscriptionsOfBand', () => {
  it('reads every subscription to the band whole, at once or a page at a time (only their attributes)', async () => {
    await connected('r1', 'eva', ['band-room', 'band-other']);
    await connected('r2', 'finn', []);
    const leader: Subscription = {
      connectionId: 'r2',
      bandId: 'band-room',
      userId: 'finn',
      role: 'leader',
      instruments: ['trumpet', 'alto_sax'],
      expiresAt: EXPIRES,
    };
    expect(await store.subscribe(leader)).toBe(true);
    const room = await store.subscriptionsOfBand('band-room');
    const pages: Subscription[][] = [];
    for await (const page of store.subscriptionPagesOfBand('band-room', 1)) pages.push(page);
    expect(pages.map((page) => page.length)).toEqual([1, 1]);
    expect(pages.flat()).toEqual(expect.arrayContaining(room));
    expect([...room].sort((a, b) => a.connectionId.localeCompare(b.connectionId))).toEqual([
      {
        connectionId: 'r1',
        bandId: 'band-room',
        userId: 'eva',
        role: 'member',
        instruments: [],
        expiresAt: EXPIRES,
      },
      leader,
    ]);
  });
});
