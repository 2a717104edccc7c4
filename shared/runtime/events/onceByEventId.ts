import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import { runtimeConfig } from '../runtimeConfig.ts';
import { storageClient } from '../storage/storageClient.ts';
import type { RepeatGuard } from './eventHandler.ts';
import { runOncePerEvent } from './idempotentOnce.ts';

/**
 * The kit's guard against repeated deliveries (`eventHandler`'s `repeats`): a Powertools idempotency record per
 * function and event id runs the work once (see {@link runOncePerEvent}). Kept out of `shared/runtime/index.ts`
 * so that only the functions that use it bundle Powertools idempotency.
 *
 * @param options.persistenceStore where the records live
 *   (@default DynamoDB on env SOLEIL_TABLE_IDEMPOTENCY, created at the first event)
 * @example
 * ```ts
 * export const handler = eventHandler({ events: ['drive.file_changed'], repeats: onceByEventId(), handle });
 * ```
 */
export const onceByEventId = (
  options: { readonly persistenceStore?: BasePersistenceLayer } = {},
): RepeatGuard => {
  let persistenceStore = options.persistenceStore;
  return (reaction) => {
    persistenceStore ??= new DynamoDBPersistenceLayer({
      tableName: runtimeConfig.idempotencyTable(),
      awsSdkV3Client: storageClient(),
    });
    return runOncePerEvent({ persistenceStore, ...reaction });
  };
};
