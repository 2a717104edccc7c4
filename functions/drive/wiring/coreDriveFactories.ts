import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { DependencyFactories } from '../../../shared/runtime/container/dependencyContainer.ts';
import { createOutbox } from '../../../shared/runtime/outbox/Outbox.ts';
import { runtimeConfig } from '../../../shared/runtime/runtimeConfig.ts';
import { storageClient } from '../../../shared/runtime/storage/storageClient.ts';
import { type DriveConfig, readDriveConfig } from '../config/driveConfig.ts';
import { GoogleDriveAccess, readSecretString } from '../providers/googleDrive/GoogleDriveAccess.ts';
import { DynamoDbLibraryStore } from '../store/DynamoDbLibraryStore.ts';
import { DynamoDbSourceStore } from '../store/DynamoDbSourceStore.ts';
import { DRIVE_TABLES, GOOGLE_KEY_SECRET } from '../store/driveTableNames.ts';
import type { SyncLibraryDependencies } from '../useCases/syncLibrary.ts';

/** What every drive function that syncs shares: stores, outbox, clock, configuration and Google Drive. */
export interface CoreDriveWiring extends Omit<SyncLibraryDependencies, 'provider' | 'newSyncId'> {
  readonly client: DynamoDBClient;
  readonly config: DriveConfig;
  /** Google Drive's API (listing, changes feed, push channels); `null` with the folder provider. */
  readonly google: GoogleDriveAccess | null;
}

/**
 * The factories every drive container builds from (`driveDependencies` for everything, the others for
 * functions that need less: each import of a wiring file ends up in the bundle of every handler importing
 * it). The service account key is read from Secrets Manager only when Google Drive is first used.
 */
export const coreDriveFactories: DependencyFactories<CoreDriveWiring> = {
  client: () => storageClient(),
  config: () => readDriveConfig(),
  google: (d) =>
    d.config.provider === 'google-drive'
      ? new GoogleDriveAccess(
          () => readSecretString(new SecretsManagerClient({}), runtimeConfig.secret(GOOGLE_KEY_SECRET)),
          d.config.googleApiUrl === undefined ? {} : { apiBaseUrl: d.config.googleApiUrl },
        )
      : null,
  sources: (d) => new DynamoDbSourceStore(d.client, runtimeConfig.table(DRIVE_TABLES.sources)),
  library: (d) =>
    new DynamoDbLibraryStore(d.client, {
      library: runtimeConfig.table(DRIVE_TABLES.library),
      sources: runtimeConfig.table(DRIVE_TABLES.sources),
      outbox: runtimeConfig.outboxTable(),
    }),
  outbox: (d) => createOutbox({ client: d.client }),
  now: () => () => new Date(),
};
