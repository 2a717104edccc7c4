import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  ConnectionNotifier,
  dependencyContainer,
  runtimeConfig,
  services,
} from '../../../shared/runtime/index.ts';
import { storageClient } from '../../../shared/runtime/storage/storageClient.ts';
import { readLogWindowSeconds } from '../config/syncConfig.ts';
import { DynamoDbBandLogStore } from '../store/DynamoDbBandLogStore.ts';
import { DynamoDbConnectionStore } from '../store/DynamoDbConnectionStore.ts';
import { DynamoDbLiveStateStore } from '../store/DynamoDbLiveStateStore.ts';
import { SYNC_TABLES } from '../store/syncTableNames.ts';
import type { SyncDependencies } from '../useCases/SyncDependencies.ts';

/** What the container holds beyond what the use cases see. */
interface SyncWiring extends SyncDependencies {
  readonly client: DynamoDBClient;
}

/**
 * The sync module's dependencies, each built on first use from the environment the platform sets (table
 * names, the management API endpoint, the log window) and kept for the container's life.
 */
export const syncDependencies = dependencyContainer<SyncWiring>({
  client: () => storageClient(),
  now: () => () => new Date(),
  connections: (d) => new DynamoDbConnectionStore(d.client, runtimeConfig.table(SYNC_TABLES.connections)),
  log: (d) => new DynamoDbBandLogStore(d.client, runtimeConfig.table(SYNC_TABLES.bandLog)),
  state: (d) => new DynamoDbLiveStateStore(d.client, runtimeConfig.table(SYNC_TABLES.liveState), d.now),
  pusher: () => new ConnectionNotifier(),
  memberships: () => ({
    roleOf: async (bandId, userId) =>
      (await services.call('auth', 'user_service', 'getMembership', { bandId, userId })).role,
  }),
  logWindowSeconds: () => readLogWindowSeconds(),
});
