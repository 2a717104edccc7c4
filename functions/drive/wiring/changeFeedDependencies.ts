import { dependencyContainer } from '../../../shared/runtime/container/dependencyContainer.ts';
import { runtimeConfig } from '../../../shared/runtime/runtimeConfig.ts';
import type { ChangeFeedStore } from '../store/ChangeFeedStore.ts';
import { DynamoDbChangeFeedStore } from '../store/DynamoDbChangeFeedStore.ts';
import { DRIVE_TABLES } from '../store/driveTableNames.ts';
import { type CoreDriveWiring, coreDriveFactories } from './coreDriveFactories.ts';

/** The core, plus the feed's page token and channels (table `change-feed`). */
export interface ChangeFeedWiring extends CoreDriveWiring {
  readonly feed: ChangeFeedStore;
}

/** Builds the change-feed store (shared by this container and `driveDependencies`). */
export const changeFeedStore = (d: CoreDriveWiring): ChangeFeedStore =>
  new DynamoDbChangeFeedStore(d.client, runtimeConfig.table(DRIVE_TABLES.changeFeed));

/**
 * What the changes feed's functions (`onChangesNotified`, `renewChannels`) need: the stores, the outbox and
 * Google Drive — not the folder provider nor S3, so their bundles stay small.
 */
export const changeFeedDependencies = dependencyContainer<ChangeFeedWiring>({
  ...coreDriveFactories,
  feed: changeFeedStore,
});
