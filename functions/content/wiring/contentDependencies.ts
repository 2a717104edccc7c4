import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createOutbox, dependencyContainer, runtimeConfig } from '../../../shared/runtime/index.ts';
import { storageClient } from '../../../shared/runtime/storage/storageClient.ts';
import { authUserDirectory } from '../providers/authUserDirectory.ts';
import { driveLibraryListing } from '../providers/driveLibraryListing.ts';
import { CATALOGUE_TABLE, DynamoDbCatalogueStore } from '../store/DynamoDbCatalogueStore.ts';
import { DynamoDbGigStore, GIGS_TABLE } from '../store/DynamoDbGigStore.ts';
import { DynamoDbMemberStore, MEMBERS_TABLE } from '../store/DynamoDbMemberStore.ts';
import type { ContentDependencies } from '../useCases/ContentDependencies.ts';

/** Content's dependencies, each built on first use and kept for the container's life. */
export const contentDependencies = dependencyContainer<ContentDependencies & { client: DynamoDBClient }>({
  client: () => storageClient(),
  catalogue: (d) =>
    new DynamoDbCatalogueStore(d.client, {
      catalogue: runtimeConfig.table(CATALOGUE_TABLE),
      outbox: runtimeConfig.outboxTable(),
    }),
  members: (d) => new DynamoDbMemberStore(d.client, runtimeConfig.table(MEMBERS_TABLE)),
  gigs: (d) =>
    new DynamoDbGigStore(d.client, {
      gigs: runtimeConfig.table(GIGS_TABLE),
      outbox: runtimeConfig.outboxTable(),
    }),
  outbox: (d) => createOutbox({ client: d.client }),
  directory: () => authUserDirectory,
  library: () => driveLibraryListing,
  now: () => () => new Date(),
  newId: () => () => randomUUID(),
});
