import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  createOutbox,
  dependencyContainer,
  documentClient,
  runtimeConfig,
  services,
} from '../../../shared/runtime/index.ts';
import { storageClient } from '../../../shared/runtime/storage/storageClient.ts';
import { ContentServiceSource } from '../providers/ContentServiceSource.ts';
import { DynamoDbDashboardStore } from '../store/DynamoDbDashboardStore.ts';
import { DynamoDbPreferencesStore } from '../store/DynamoDbPreferencesStore.ts';
import { DASHBOARD_TABLES } from '../store/dashboardTableNames.ts';
import type { DashboardDependencies } from '../useCases/DashboardDependencies.ts';

/** What the container holds beyond what the use cases see. */
interface DashboardWiring extends DashboardDependencies {
  readonly documents: DynamoDBDocumentClient;
}

/**
 * The dashboard module's dependencies, each built on first use from the environment the platform sets and kept
 * for the container's life (the kit's container: `reset()` in tests).
 */
export const dashboardDependencies = dependencyContainer<DashboardWiring>({
  documents: () => documentClient(storageClient()),
  dashboards: (d) =>
    new DynamoDbDashboardStore(d.documents, runtimeConfig.table(DASHBOARD_TABLES.dashboards)),
  preferences: (d) =>
    new DynamoDbPreferencesStore(
      d.documents,
      runtimeConfig.table(DASHBOARD_TABLES.preferences),
      runtimeConfig.outboxTable(),
    ),
  outbox: () => createOutbox(),
  source: () => new ContentServiceSource(services),
  now: () => () => new Date(),
});
