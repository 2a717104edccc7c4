import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { outboxPuts } from '../../../shared/runtime/outbox/outboxItems.ts';
import { documentClient } from '../../../shared/runtime/storage/documentClient.ts';
import { isConditionalFailure } from '../../../shared/runtime/storage/isConditionalFailure.ts';
import type { TransactWriteItem } from '../../../shared/runtime/storage/TransactWriteItem.ts';
import { CommitSupersededError, SyncInProgressError } from '../domain/driveErrors.ts';
import type { LibraryEntry } from '../domain/libraryEntry.ts';
import { LIBRARY_BY_FILE_INDEX } from './driveTableNames.ts';
import type { LibraryCommit, LibraryPage, LibraryStore } from './LibraryStore.ts';

/** Index reads in flight at once when finding the holders of a batch of changed ids. */
const HOLDER_READS_AT_ONCE = 8;

const toEntry = (item: Record<string, unknown>): LibraryEntry => ({
  kind: item.kind as LibraryEntry['kind'],
  fileId: item.fileId as string,
  name: item.name as string,
  path: item.path as string,
  folderId: (item.folderId as string | null | undefined) ?? null,
  mimeType: item.mimeType as string,
  sizeBytes: item.sizeBytes as number,
  checksum: (item.checksum as string | null | undefined) ?? null,
  modifiedAt: item.modifiedAt as string,
  version: item.version as number,
});

/**
 * A band's library in table `library` (key `bandId` + `fileId`, one item per file or folder). A sync chunk
 * commits its rows, its outbox events and a check of the band's lease on the `sources` row in one
 * transaction; the last chunk also records the outcome there and releases the lease, and may carry another
 * store's write (the changes feed's page token).
 */
export class DynamoDbLibraryStore implements LibraryStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tables: { readonly library: string; readonly sources: string; readonly outbox: string },
  ) {
    this.doc = documentClient(client);
  }

  async listBand(bandId: string): Promise<LibraryEntry[]> {
    const entries: LibraryEntry[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tables.library,
          KeyConditionExpression: 'bandId = :b',
          ExpressionAttributeValues: { ':b': bandId },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) entries.push(toEntry(item));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return entries;
  }

  async getItem(bandId: string, fileId: string): Promise<LibraryEntry | null> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tables.library, Key: { bandId, fileId } }),
    );
    return Item === undefined ? null : toEntry(Item);
  }

  async holdersOf(fileIds: readonly string[]): Promise<Map<string, string>> {
    const holders = new Map<string, string>();
    const queue = [...new Set(fileIds)];
    const worker = async (): Promise<void> => {
      for (let fileId = queue.pop(); fileId !== undefined; fileId = queue.pop()) {
        const { Items } = await this.doc.send(
          new QueryCommand({
            TableName: this.tables.library,
            IndexName: LIBRARY_BY_FILE_INDEX,
            KeyConditionExpression: 'fileId = :f',
            ExpressionAttributeValues: { ':f': fileId },
            ProjectionExpression: 'bandId',
          }),
        );
        const bandId = Items?.[0]?.bandId;
        if (typeof bandId === 'string') holders.set(fileId, bandId);
      }
    };
    await Promise.all(Array.from({ length: HOLDER_READS_AT_ONCE }, worker));
    return holders;
  }

  async pageFiles(bandId: string, afterFileId: string | null, limit: number): Promise<LibraryPage> {
    const files: LibraryEntry[] = [];
    let start: Record<string, unknown> | undefined =
      afterFileId === null ? undefined : { bandId, fileId: afterFileId };
    // Limit counts items read before the folder filter, so a page may take several reads to fill.
    while (files.length < limit) {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tables.library,
          KeyConditionExpression: 'bandId = :b',
          FilterExpression: '#kind = :file',
          ExpressionAttributeNames: { '#kind': 'kind' },
          ExpressionAttributeValues: { ':b': bandId, ':file': 'file' },
          ExclusiveStartKey: start,
          Limit: limit - files.length,
        }),
      );
      for (const item of page.Items ?? []) files.push(toEntry(item));
      start = page.LastEvaluatedKey;
      if (start === undefined) return { files, lastFileId: null };
    }
    return { files, lastFileId: files.at(-1)?.fileId ?? null };
  }

  async commit(chunk: LibraryCommit): Promise<void> {
    const { bandId, syncId } = chunk;
    const lease: TransactWriteItem =
      chunk.finish === null
        ? {
            ConditionCheck: {
              TableName: this.tables.sources,
              Key: { bandId },
              ConditionExpression: 'lease.syncId = :s',
              ExpressionAttributeValues: { ':s': syncId },
            },
          }
        : {
            Update: {
              TableName: this.tables.sources,
              Key: { bandId },
              ConditionExpression: 'lease.syncId = :s',
              UpdateExpression: 'SET lastSync = :o, fileCount = :n, lastError = :null, lease = :null',
              ExpressionAttributeValues: {
                ':s': syncId,
                ':o': chunk.finish.outcome,
                ':n': chunk.finish.fileCount,
                ':null': null,
              },
            },
          };
    const items: TransactWriteItem[] = [
      lease,
      ...chunk.writes.map(
        (entry): TransactWriteItem => ({
          Put: { TableName: this.tables.library, Item: { bandId, ...entry } },
        }),
      ),
      ...chunk.deletes.map(
        (fileId): TransactWriteItem => ({
          Delete: { TableName: this.tables.library, Key: { bandId, fileId } },
        }),
      ),
      ...outboxPuts(this.tables.outbox, chunk.events),
    ];
    const also = chunk.alsoWrite ?? [];
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: [...items, ...also] }));
    } catch (error) {
      if (!isConditionalFailure(error)) throw error;
      // The caller's items come last: their cancellation reasons say whether it was their condition.
      if (failedAt(error, items.length, also.length)) throw new CommitSupersededError();
      throw new SyncInProgressError();
    }
  }
}

/** Whether one of the transaction's items `from` .. `from + count - 1` lost its condition. */
const failedAt = (error: unknown, from: number, count: number): boolean => {
  const reasons = (error as { CancellationReasons?: ({ Code?: string } | null)[] }).CancellationReasons ?? [];
  return reasons.slice(from, from + count).some((reason) => reason?.Code === 'ConditionalCheckFailed');
};
