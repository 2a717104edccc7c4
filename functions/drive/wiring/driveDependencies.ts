import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createOutbox, dependencyContainer, runtimeConfig } from '../../../shared/runtime/index.ts';
import { type DriveConfig, readDriveConfig } from '../config/driveConfig.ts';
import type { DriveChanges } from '../providers/DriveChanges.ts';
import { FolderLibrarySource } from '../providers/folder/FolderLibrarySource.ts';
import { FolderProvisioning } from '../providers/folder/FolderProvisioning.ts';
import { GoogleDriveAccess, readSecretString } from '../providers/googleDrive/GoogleDriveAccess.ts';
import type { LibraryProvisioning } from '../providers/LibraryProvisioning.ts';
import type { LibrarySource } from '../providers/LibrarySource.ts';
import { S3FileLinks } from '../providers/S3FileLinks.ts';
import type { ChangeFeedStore } from '../store/ChangeFeedStore.ts';
import { DynamoDbChangeFeedStore } from '../store/DynamoDbChangeFeedStore.ts';
import { DynamoDbLibraryStore } from '../store/DynamoDbLibraryStore.ts';
import { DynamoDbSourceStore } from '../store/DynamoDbSourceStore.ts';
import { DRIVE_TABLES, FILE_CACHE_BUCKET, GOOGLE_KEY_SECRET } from '../store/driveTableNames.ts';
import type { DriveDependencies } from '../useCases/DriveDependencies.ts';

/** What the container holds beyond what the use cases see. */
interface DriveWiring extends DriveDependencies {
  readonly client: DynamoDBClient;
  readonly config: DriveConfig;
  /** The configured provider, as both a library source and a provisioner. */
  readonly source: LibrarySource & LibraryProvisioning;
  /** Google Drive's own API (changes feed, push channels); `null` with the folder provider. */
  readonly google: GoogleDriveAccess | null;
  /** Google Drive's changes feed and push channels; `null` with the folder provider. */
  readonly changes: DriveChanges | null;
  /** The feed's page token and channels (table `change-feed`). */
  readonly feed: ChangeFeedStore;
}

/**
 * The drive's dependencies, each built on first use. The provider follows `SOLEIL_DRIVE_PROVIDER` (Google
 * Drive by default, a folder per band on the embedded platform, whose manifest setting has that local
 * default); the service account key is read from Secrets Manager only when Google Drive is first used.
 */
export const driveDependencies = dependencyContainer<DriveWiring>({
  client: () => new DynamoDBClient({}),
  config: () => readDriveConfig(),
  google: (d) =>
    d.config.provider === 'google-drive'
      ? new GoogleDriveAccess(
          () => readSecretString(new SecretsManagerClient({}), runtimeConfig.secret(GOOGLE_KEY_SECRET)),
          d.config.googleApiUrl === undefined ? {} : { apiBaseUrl: d.config.googleApiUrl },
        )
      : null,
  source: (d) => {
    if (d.google !== null) return d.google;
    const rootDir = d.config.libraryDir ?? '';
    const folder = new FolderLibrarySource({ rootDir });
    const provisioning = new FolderProvisioning(rootDir);
    return {
      provider: provisioning.provider,
      list: (binding, stored) => folder.list(binding, stored),
      download: (binding, entry) => folder.download(binding, entry),
      prepare: (bandId) => provisioning.prepare(bandId),
      shareWith: () => provisioning.shareWith(),
    };
  },
  changes: (d) => d.google,
  feed: (d) => new DynamoDbChangeFeedStore(d.client, runtimeConfig.table(DRIVE_TABLES.changeFeed)),
  provider: (d) => d.source,
  provisioning: (d) => d.source,
  sources: (d) => new DynamoDbSourceStore(d.client, runtimeConfig.table(DRIVE_TABLES.sources)),
  library: (d) =>
    new DynamoDbLibraryStore(d.client, {
      library: runtimeConfig.table(DRIVE_TABLES.library),
      sources: runtimeConfig.table(DRIVE_TABLES.sources),
      outbox: runtimeConfig.outboxTable(),
    }),
  links: () =>
    new S3FileLinks(
      new S3Client({
        forcePathStyle: true,
        // Plain bodies: the embedded platform's S3 does not read aws-chunked uploads, and the cache needs no
        // checksum beyond S3's own.
        requestChecksumCalculation: 'WHEN_REQUIRED',
      }),
      runtimeConfig.bucket(FILE_CACHE_BUCKET),
    ),
  outbox: (d) => createOutbox({ client: d.client }),
  now: () => () => new Date(),
});
