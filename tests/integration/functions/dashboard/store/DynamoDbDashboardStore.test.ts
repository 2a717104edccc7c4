import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreparedDashboard } from '../../../../../functions/dashboard/domain/preparedDashboard.ts';
import manifest from '../../../../../functions/dashboard/module.ts';
import { DynamoDbDashboardStore } from '../../../../../functions/dashboard/store/DynamoDbDashboardStore.ts';
import { DASHBOARD_TABLES } from '../../../../../functions/dashboard/store/dashboardTableNames.ts';
import { createModelTables } from '../../../../../infra/local/dynamodb/createModelTables.ts';
import { LOCAL_NAMES } from '../../../../../infra/local/shared/localNames.ts';
import { eventContracts } from '../../../../../shared/contracts/eventCatalog.ts';
import { buildPlatformModel } from '../../../../../shared/platformModel/buildPlatformModel.ts';
import { documentClient } from '../../../../../shared/runtime/storage/documentClient.ts';
import { widgetsOf } from '../../../../helpers/dashboard/inMemoryDashboardDependencies.ts';
import { type LocalDynamoDb, startLocalDynamoDb } from '../../../../helpers/localDynamoDb.ts';

let dynamo: LocalDynamoDb;
let store: DynamoDbDashboardStore;

beforeAll(async () => {
  dynamo = await startLocalDynamoDb();
  // The module's tables as the platform makes them from its manifest.
  await createModelTables(dynamo.client, buildPlatformModel([manifest], { eventContracts }));
  store = new DynamoDbDashboardStore(
    documentClient(dynamo.client),
    LOCAL_NAMES.tableName(`dashboard-${DASHBOARD_TABLES.dashboards}`),
  );
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

describe('DynamoDbDashboardStore.put', () => {
  it('stores a dashboard; when replacing, only over one that is stored (a deleted one stays deleted)', async () => {
    expect(await store.put(dashboard('b4', 'u1'), { replacing: true })).toBe(false);
    expect(await store.get('b4', 'u1')).toBeNull();
    expect(await store.put(dashboard('b4', 'u1'))).toBe(true);
    const again = { ...dashboard('b4', 'u1'), preparedAt: '2026-11-30T06:00:00.000Z' };
    expect(await store.put(again, { replacing: true })).toBe(true);
    expect(await store.get('b4', 'u1')).toEqual(again);
    await store.remove('b4', 'u1');
    expect(await store.put(again, { replacing: true })).toBe(false);
    expect(await store.get('b4', 'u1')).toBeNull();
  });
});
