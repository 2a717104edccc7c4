import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from '../storage/batchWriteAll.ts';
import { documentClient } from '../storage/documentClient.ts';
import type { OutboxEvent } from './OutboxEvent.ts';
import type { OutboxStore } from './OutboxStore.ts';
import { outboxEventFromItem } from './outboxItems.ts';

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
    const requests = [...new Set(eventIds)].map((eventId) => ({ DeleteRequest: { Key: { eventId } } }));
    await batchWriteAll(this.doc, this.tableName, requests);
  }
}
