import { dependencyContainer } from '../../../shared/runtime/container/dependencyContainer.ts';
import { createPublisher } from '../../../shared/runtime/events/publisher.ts';
import { runtimeConfig } from '../../../shared/runtime/runtimeConfig.ts';
import { storageClient } from '../../../shared/runtime/storage/storageClient.ts';
import { DynamoDbChangeFeedStore } from '../store/DynamoDbChangeFeedStore.ts';
import { DRIVE_TABLES } from '../store/driveTableNames.ts';
import type { ReceiveNotificationDependencies } from '../useCases/receiveNotification.ts';

/**
 * What the public webhook needs, and nothing more: the channels table and the publisher. Kept apart from
 * `driveDependencies` so that the webhook's bundle carries neither the Google provider nor S3 nor the outbox
 * (each import of a wiring file ends up in every bundle that imports it).
 */
export const notificationDependencies = dependencyContainer<ReceiveNotificationDependencies>({
  feed: () => new DynamoDbChangeFeedStore(storageClient(), runtimeConfig.table(DRIVE_TABLES.changeFeed)),
  queueRead: () => {
    const publisher = createPublisher({ module: runtimeConfig.module() });
    return async (notice) => {
      await publisher.publish('drive.changes_notified', notice);
    };
  },
  now: () => () => new Date(),
});
