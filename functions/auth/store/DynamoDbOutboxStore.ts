import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboxEvent } from '../domain/outboxEvent.ts';
import { documentClient } from './documentClient.ts';
import type { OutboxStore } from './OutboxStore.ts';
import { outboxEventFromItem } from './outboxItems.ts';

const BATCH_WRITE_LIMIT = 25;

/**
 * The outbox on DynamoDB. It is empty almost always (items live from a commit to the publish right after
 * it), so the drain scans it rather than keeping an index.
 */
export class DynamoDbOutboxStore implements OutboxStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = documentClient(client);
  }

  async listWaiting(cutoff: Date, limit: number): Promise<OutboxEvent[]> {
    const found: OutboxEvent[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const result = await this.doc.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'occurredAt < :cutoff',
          ExpressionAttributeValues: { ':cutoff': cutoff.toISOString() },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      found.push(...(result.Items ?? []).map(outboxEventFromItem));
      start = result.LastEvaluatedKey;
    } while (start && found.length < limit);
    return found.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt)).slice(0, limit);
  }

  async deleteEvents(eventIds: readonly string[]): Promise<void> {
    const ids = [...new Set(eventIds)];
    for (let i = 0; i < ids.length; i += BATCH_WRITE_LIMIT) {
      let requests: Record<string, unknown>[] | undefined = ids
        .slice(i, i + BATCH_WRITE_LIMIT)
        .map((eventId) => ({ DeleteRequest: { Key: { eventId } } }));
      for (let attempt = 0; requests && requests.length > 0; attempt++) {
        if (attempt > 5) throw new Error('Deleting outbox items kept being throttled');
        if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        const result = await this.doc.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: requests as never } }),
        );
        requests = result.UnprocessedItems?.[this.tableName] as Record<string, unknown>[] | undefined;
      }
    }
  }
}
