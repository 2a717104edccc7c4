import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createOutbox, runtimeConfig, services } from '../../../shared/runtime/index.ts';
import { ContentServiceSource } from '../providers/ContentServiceSource.ts';
import { DynamoDbDashboardStore } from '../store/DynamoDbDashboardStore.ts';
import { DynamoDbPreferencesStore } from '../store/DynamoDbPreferencesStore.ts';
import { DASHBOARD_TABLES } from '../store/dashboardTableNames.ts';
import type { DashboardDependencies } from '../useCases/DashboardDependencies.ts';

let cached: DashboardDependencies | undefined;

/** The dashboard module's dependencies, built once per container from the environment the platform sets. */
export const dashboardDependencies = (): DashboardDependencies => {
  if (!cached) {
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
      marshallOptions: { removeUndefinedValues: true },
    });
    cached = {
      dashboards: new DynamoDbDashboardStore(client, runtimeConfig.table(DASHBOARD_TABLES.dashboards)),
      preferences: new DynamoDbPreferencesStore(
        client,
        runtimeConfig.table(DASHBOARD_TABLES.preferences),
        runtimeConfig.outboxTable(),
      ),
      outbox: createOutbox(),
      source: new ContentServiceSource(services),
      now: () => new Date(),
    };
  }
  return cached;
};
