import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreparedDashboard } from '../../../../../functions/dashboard/domain/preparedDashboard.ts';
import { DynamoDbDashboardStore } from '../../../../../functions/dashboard/store/DynamoDbDashboardStore.ts';
import { documentClient } from '../../../../../shared/runtime/storage/documentClient.ts';
import { widgetsOf } from '../../../../helpers/dashboard/inMemoryDashboardDependencies.ts';
import { type LocalDynamoDb, startLocalDynamoDb } from '../../../../helpers/localDynamoDb.ts';

const TABLE = 'dashboard-dashboards';
let dynamo: LocalDynamoDb;
let store: DynamoDbDashboardStore;

beforeAll(async () => {
  dynamo = await startLocalDynamoDb();
  await dynamo.client.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'bandId', AttributeType: 'S' },
        { AttributeName: 'userId', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'bandId', KeyType: 'HASH' },
        { AttributeName: 'userId', KeyType: 'RANGE' },
      ],
    }),
  );
  store = new DynamoDbDashboardStore(documentClient(dynamo.client), TABLE);
});

afterAll(async () => {
  await dynamo?.stop();
});

const dashboard = (bandId: string, userId: string): PreparedDashboard => ({
  bandId,
  userId,
  preparedAt: '2026-11-30T05:00:00.000Z',
  widgets: widgetsOf(bandId),
  staleReason: null,
});

describe('DynamoDbDashboardStore.putWidgets', () => {
  it('replaces the given widgets of a current dashboard and its date, keeping the others', async () => {
    await store.put(dashboard('b1', 'u1'));
    const later = widgetsOf('b1-later');
    expect(
      await store.putWidgets(
        'b1',
        'u1',
        { recently_added: later.recently_added },
        '2026-11-30T05:01:00.000Z',
      ),
    ).toBe(true);
    expect(await store.get('b1', 'u1')).toEqual({
      ...dashboard('b1', 'u1'),
      preparedAt: '2026-11-30T05:01:00.000Z',
      widgets: { ...widgetsOf('b1'), recently_added: later.recently_added },
    });
  });

  it('updates nothing when there is no dashboard or the stored one is stale: it must be prepared whole', async () => {
    expect(await store.putWidgets('b2', 'nobody', { pending_offers: [] }, '2026-11-30T05:01:00.000Z')).toBe(
      false,
    );
    expect(await store.get('b2', 'nobody')).toBeNull();
    await store.put(dashboard('b3', 'u1'));
    await store.markStale('b3', 'u1', { dependency: 'content.content_service', problem: 'unavailable' });
    expect(await store.putWidgets('b3', 'u1', { pending_offers: [] }, '2026-11-30T05:01:00.000Z')).toBe(
      false,
    );
    expect((await store.get('b3', 'u1'))?.widgets).toEqual(widgetsOf('b3'));
  });
});
