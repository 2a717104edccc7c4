import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/runtime/storage/documentClient.ts';
import { isConditionalFailure } from '../../../shared/runtime/storage/isConditionalFailure.ts';
import { LibraryNotFoundError } from '../domain/driveErrors.ts';
import type { SourceRecord } from '../domain/sourceRecord.ts';
import type { SourceStore } from './SourceStore.ts';

const toSource = (item: Record<string, unknown>): SourceRecord => ({
  bandId: item.bandId as string,
  provider: item.provider as SourceRecord['provider'],
  sourceFolderId: (item.sourceFolderId as string | null | undefined) ?? null,
  createdAt: item.createdAt as string,
  boundAt: (item.boundAt as string | null | undefined) ?? null,
  boundBy: (item.boundBy as string | null | undefined) ?? null,
  fileCount: (item.fileCount as number | undefined) ?? 0,
  lastSync: (item.lastSync as SourceRecord['lastSync'] | undefined) ?? null,
  lastError: (item.lastError as SourceRecord['lastError'] | undefined) ?? null,
  lease: (item.lease as SourceRecord['lease'] | undefined) ?? null,
});

/** Table `sources`, key `bandId`: one row per band. */
export class DynamoDbSourceStore implements SourceStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = documentClient(client);
  }

  async get(bandId: string): Promise<SourceRecord | null> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { bandId }, ConsistentRead: true }),
    );
    return Item === undefined ? null : toSource(Item);
  }

  async listAll(): Promise<SourceRecord[]> {
    const sources: SourceRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new ScanCommand({ TableName: this.tableName, ExclusiveStartKey: start }),
      );
      for (const item of page.Items ?? []) sources.push(toSource(item));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return sources;
  }

  async create(record: SourceRecord): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: record,
          ConditionExpression: 'attribute_not_exists(bandId)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalFailure(error)) return false;
      throw error;
    }
  }

  async bind(
    bandId: string,
    sourceFolderId: string | null,
    boundBy: string,
    boundAt: string,
  ): Promise<SourceRecord> {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { bandId },
          ConditionExpression: 'attribute_exists(bandId)',
          UpdateExpression: 'SET sourceFolderId = :f, boundBy = :by, boundAt = :at',
          ExpressionAttributeValues: { ':f': sourceFolderId, ':by': boundBy, ':at': boundAt },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toSource(Attributes ?? {});
    } catch (error) {
      if (isConditionalFailure(error)) throw new LibraryNotFoundError();
      throw error;
    }
  }

  async acquireLease(bandId: string, syncId: string, now: string, until: string): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { bandId },
          // ISO 8601 UTC strings compare in time order.
          ConditionExpression:
            'attribute_exists(bandId) AND (attribute_not_exists(lease) OR lease = :null OR lease.#until < :now)',
          UpdateExpression: 'SET lease = :lease',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':null': null, ':now': now, ':lease': { syncId, until } },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalFailure(error)) return false;
      throw error;
    }
  }

  async recordFailure(bandId: string, syncId: string, at: string, message: string): Promise<void> {
    await this.updateHeldLease(bandId, syncId, 'SET lastError = :e, lease = :null', {
      ':e': { at, message },
    });
  }

  async releaseLease(bandId: string, syncId: string): Promise<void> {
    await this.updateHeldLease(bandId, syncId, 'SET lease = :null', {});
  }

  /** An update made only while sync `syncId` holds the band's lease (a lost lease: nothing to do). */
  private async updateHeldLease(
    bandId: string,
    syncId: string,
    update: string,
    values: Record<string, unknown>,
  ): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { bandId },
          ConditionExpression: 'lease.syncId = :s',
          UpdateExpression: update,
          ExpressionAttributeValues: { ':s': syncId, ':null': null, ...values },
        }),
      );
    } catch (error) {
      if (!isConditionalFailure(error)) throw error;
    }
  }
}
