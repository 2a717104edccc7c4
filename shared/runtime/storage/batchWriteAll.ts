import {
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';

/** DynamoDB's BatchWriteItem limit. */
const BATCH_WRITE_LIMIT = 25;
/** How often unprocessed items are sent again (with exponential backoff) before giving up. */
const MAX_RETRIES = 5;
const BASE_DELAY_MS = 50;

type WriteRequest = NonNullable<
  ConstructorParameters<typeof BatchWriteCommand>[0]['RequestItems']
>[string][number];

/** Thrown when DynamoDB kept returning unprocessed items: the write is incomplete and may be retried whole. */
export class BatchWriteIncompleteError extends Error {
  override readonly name = 'BatchWriteIncompleteError';
}

/**
 * Writes any number of put/delete requests to one table in batches of 25, sending back what DynamoDB leaves
 * unprocessed (throttling) with exponential backoff. Store code only.
 */
export const batchWriteAll = async (
  doc: DynamoDBDocumentClient,
  tableName: string,
  requests: readonly WriteRequest[],
): Promise<void> => {
  for (let i = 0; i < requests.length; i += BATCH_WRITE_LIMIT) {
    let batch: WriteRequest[] | undefined = requests.slice(i, i + BATCH_WRITE_LIMIT);
    for (let attempt = 0; batch && batch.length > 0; attempt++) {
      if (attempt > MAX_RETRIES) {
        throw new BatchWriteIncompleteError(`Writes to ${tableName} kept being throttled; try again.`);
      }
      if (attempt > 0) await new Promise((r) => setTimeout(r, BASE_DELAY_MS * 2 ** attempt));
      const result: BatchWriteCommandOutput = await doc.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: batch } }),
      );
      batch = result.UnprocessedItems?.[tableName];
    }
  }
};
