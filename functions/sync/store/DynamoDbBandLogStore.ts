import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/runtime/index.ts';
import type { LogEntry } from '../domain/liveRecords.ts';
import type { BandLogStore } from './BandLogStore.ts';

/** The counter lives beside the log, at sequence 0, which no message takes. */
const COUNTER_SEQ = 0;

/**
 * A band's log in one partition (`bandId`, `seq`): the counter item at seq 0 (no TTL) and one item per
 * message, removed by DynamoDB's TTL once past the window (readers also skip expired ones themselves, as the
 * TTL sweep runs late).
 */
export class DynamoDbBandLogStore implements BandLogStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly table: string,
  ) {
    this.doc = documentClient(client);
  }

  async nextSeq(bandId: string): Promise<number> {
    const { Attributes } = await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { bandId, seq: COUNTER_SEQ },
        UpdateExpression: 'ADD lastSeq :one',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Attributes?.lastSeq as number;
  }

  async lastSeq(bandId: string): Promise<number> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: { bandId, seq: COUNTER_SEQ }, ConsistentRead: true }),
    );
    return (Item?.lastSeq as number | undefined) ?? 0;
  }

  async append(entry: LogEntry): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          bandId: entry.bandId,
          seq: entry.seq,
          message: JSON.stringify(entry.message),
          audience: JSON.stringify(entry.audience),
          expiresAt: entry.expiresAt,
        },
      }),
    );
  }

  async entriesAfter(bandId: string, afterSeq: number, limit: number): Promise<LogEntry[]> {
    const entries: LogEntry[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'bandId = :b AND seq > :after',
          ExpressionAttributeValues: { ':b': bandId, ':after': Math.max(afterSeq, COUNTER_SEQ) },
          ConsistentRead: true,
          Limit: limit - entries.length,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        entries.push({
          bandId,
          seq: item.seq as number,
          message: JSON.parse(item.message as string),
          audience: JSON.parse(item.audience as string),
          expiresAt: item.expiresAt as number,
        });
      }
      start = page.LastEvaluatedKey;
    } while (start && entries.length < limit);
    return entries;
  }
}
