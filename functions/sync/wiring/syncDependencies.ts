import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConnectionNotifier, runtimeConfig, services } from '../../../shared/runtime/index.ts';
import { readLogWindowSeconds } from '../config/syncConfig.ts';
import { DynamoDbBandLogStore } from '../store/DynamoDbBandLogStore.ts';
import { DynamoDbConnectionStore } from '../store/DynamoDbConnectionStore.ts';
import { DynamoDbLiveStateStore } from '../store/DynamoDbLiveStateStore.ts';
import { SYNC_TABLES } from '../store/syncTableNames.ts';
import type { SyncDependencies } from '../useCases/SyncDependencies.ts';

let cached: SyncDependencies | undefined;

/** The sync module's dependencies, built once per container from the environment the platform sets. */
export const syncDependencies = (): SyncDependencies => {
  if (cached) return cached;
  const client = new DynamoDBClient({});
  const now = () => new Date();
  cached = {
    connections: new DynamoDbConnectionStore(client, runtimeConfig.table(SYNC_TABLES.connections)),
    log: new DynamoDbBandLogStore(client, runtimeConfig.table(SYNC_TABLES.bandLog)),
    state: new DynamoDbLiveStateStore(client, runtimeConfig.table(SYNC_TABLES.liveState), now),
    pusher: new ConnectionNotifier(),
    memberships: {
      roleOf: async (bandId, userId) =>
        (await services.call('auth', 'user_service', 'getMembership', { bandId, userId })).role,
    },
    now,
    logWindowSeconds: readLogWindowSeconds(),
  };
  return cached;
};
