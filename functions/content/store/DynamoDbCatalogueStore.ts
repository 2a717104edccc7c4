import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  documentClient,
  failedConditions,
  type OutboxEvent,
  outboxPuts,
  type TransactWriteItem,
} from '../../../shared/runtime/index.ts';
import type { CatalogueDecision } from '../domain/catalogueChange.ts';
import type { CatalogueRecord, ChangeStamp, StoredFile } from '../domain/catalogueRecord.ts';
import { cutSongPage, pageHorizon } from '../domain/songPage.ts';
import type { ViewFile } from '../domain/songViews.ts';
import type { ViewPartition } from '../domain/viewPlacement.ts';
import {
  type CatalogueStore,
  CatalogueWriteConflictError,
  type NonconformingFile,
  type SongFilesPage,
  type StoredFileAt,
} from './CatalogueStore.ts';
import {
  afterSong,
  catalogueKeys,
  FIRST_SONG,
  recentKeyOf,
  sameKey,
  viewItemOf,
  viewKeyOf,
} from './catalogueItems.ts';

/** Manifest name of the catalogue table. */
export const CATALOGUE_TABLE = 'catalogue';

type Item = Record<string, unknown>;
type ViewItem = ViewFile & { songKey: string };

const toViewFile = (item: Item): ViewItem => ({
  fileId: item.fileId as string,
  name: item.name as string,
  modifiedAt: item.modifiedAt as string,
  songKey: item.songKey as string,
});

/** Files read per partition and round of a song page: a song rarely has more than a few files per audience. */
const ITEMS_PER_SONG_READ = 4;
/** A page that needs more rounds than this is cut where it is (a song with thousands of files per partition). */
const MAX_PAGE_ROUNDS = 20;

/** The catalogue on one DynamoDB table (`pk`, `sk`); events go to the module's outbox in the same transaction. */
export class DynamoDbCatalogueStore implements CatalogueStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tables: { readonly catalogue: string; readonly outbox: string },
  ) {
    this.doc = documentClient(client);
  }

  async file(bandId: string, fileId: string): Promise<StoredFileAt | null> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tables.catalogue,
        Key: catalogueKeys.file(bandId, fileId),
        ConsistentRead: true,
      }),
    );
    if (!Item) return null;
    const stored: StoredFile =
      Item.state === 'present'
        ? { state: 'present', record: Item.record as CatalogueRecord }
        : { state: 'removed', bandId, fileId, stamp: Item.stamp as ChangeStamp };
    return { stored, revision: Item.revision as number };
  }

  async apply(
    decision: Exclude<CatalogueDecision, { kind: 'ignore' }>,
    revision: number | null,
    events: readonly OutboxEvent[],
  ): Promise<void> {
    const { catalogue } = this.tables;
    const { previous } = decision;
    const next = decision.kind === 'upsert' ? decision.next : null;
    const { bandId, fileId } = decision.kind === 'upsert' ? decision.next : decision;
    const fileItem =
      decision.kind === 'upsert'
        ? { state: 'present', record: decision.next }
        : { state: 'removed', stamp: decision.stamp };
    const items: TransactWriteItem[] = [
      {
        Put: {
          TableName: catalogue,
          Item: { ...catalogueKeys.file(bandId, fileId), ...fileItem, revision: (revision ?? 0) + 1 },
          ...(revision === null
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'revision = :revision',
                ExpressionAttributeValues: { ':revision': revision },
              }),
        },
      },
    ];
    const put = (key: { pk: string; sk: string }, attributes: Item): void => {
      items.push({ Put: { TableName: catalogue, Item: { ...key, ...attributes } } });
    };
    const remove = (key: { pk: string; sk: string }): void => {
      items.push({ Delete: { TableName: catalogue, Key: key } });
    };
    const moved = (
      keyOf: (record: CatalogueRecord) => { pk: string; sk: string },
      attributes: (record: CatalogueRecord) => Item | null,
    ): void => {
      const before = previous ? keyOf(previous) : null;
      const after = next && attributes(next) ? keyOf(next) : null;
      if (before && previous && attributes(previous) && !(after && sameKey(before, after))) remove(before);
      if (after && next) put(after, attributes(next) ?? {});
    };
    moved(viewKeyOf, viewItemOf);
    moved(recentKeyOf, viewItemOf);
    moved(
      (record) => ({ pk: catalogueKeys.nonconforming(record.bandId), sk: record.fileId }),
      (record) =>
        record.reading.problems.length > 0 ? { name: record.name, problems: record.reading.problems } : null,
    );
    items.push(...outboxPuts(this.tables.outbox, events));
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (failedConditions(error).includes(0)) {
        throw new CatalogueWriteConflictError(`File ${fileId} of band ${bandId} changed meanwhile`);
      }
      throw error;
    }
  }

  async songPage(
    bandId: string,
    partitions: readonly ViewPartition[],
    after: string | null,
    limit: number,
  ): Promise<SongFilesPage> {
    const reads = partitions.map((partition) => ({
      pk: catalogueKeys.view(bandId, partition),
      startKey: undefined as Item | undefined,
      lastSongKey: null as string | null,
      exhausted: false,
    }));
    const files: ViewItem[] = [];
    for (let round = 0; ; round += 1) {
      await Promise.all(
        reads
          .filter((read) => !read.exhausted)
          .map(async (read) => {
            const { Items = [], LastEvaluatedKey } = await this.doc.send(
              new QueryCommand({
                TableName: this.tables.catalogue,
                KeyConditionExpression: 'pk = :pk AND sk > :from',
                ExpressionAttributeValues: { ':pk': read.pk, ':from': after ? afterSong(after) : FIRST_SONG },
                ExclusiveStartKey: read.startKey,
                Limit: limit * ITEMS_PER_SONG_READ,
              }),
            );
            const page = Items.map(toViewFile);
            files.push(...page);
            read.lastSongKey = page[page.length - 1]?.songKey ?? read.lastSongKey;
            read.startKey = LastEvaluatedKey;
            read.exhausted = LastEvaluatedKey === undefined;
          }),
      );
      const horizon = round + 1 >= MAX_PAGE_ROUNDS ? null : pageHorizon(reads, after);
      const cut = cutSongPage(
        files.map((f) => f.songKey),
        horizon,
        limit,
      );
      if (cut.complete) {
        const onPage = new Set(cut.songKeys);
        return { files: files.filter((f) => onPage.has(f.songKey)), nextAfter: cut.nextAfter };
      }
    }
  }

  async songFiles(
    bandId: string,
    songKey: string,
    partitions: readonly ViewPartition[],
  ): Promise<ViewFile[]> {
    const pages = await Promise.all(
      partitions.map((partition) =>
        this.queryAll({
          TableName: this.tables.catalogue,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :song)',
          ExpressionAttributeValues: { ':pk': catalogueKeys.view(bandId, partition), ':song': `${songKey}#` },
        }),
      ),
    );
    return pages.flat().map(toViewFile);
  }

  async gigDocuments(bandId: string, date: string): Promise<ViewFile[]> {
    const items = await this.queryAll({
      TableName: this.tables.catalogue,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :date)',
      ExpressionAttributeValues: { ':pk': catalogueKeys.view(bandId, 'gig'), ':date': `${date}#` },
    });
    return items.map(toViewFile);
  }

  async titleOverrides(bandId: string, songKeys: readonly string[]): Promise<Map<string, string>> {
    const titles = new Map<string, string>();
    const unique = [...new Set(songKeys)];
    for (let i = 0; i < unique.length; i += 100) {
      let keys: Item[] | undefined = unique.slice(i, i + 100).map((key) => catalogueKeys.title(bandId, key));
      while (keys && keys.length > 0) {
        const { Responses, UnprocessedKeys } = await this.doc.send(
          new BatchGetCommand({ RequestItems: { [this.tables.catalogue]: { Keys: keys } } }),
        );
        for (const item of Responses?.[this.tables.catalogue] ?? []) {
          titles.set(item.sk as string, item.displayTitle as string);
        }
        keys = UnprocessedKeys?.[this.tables.catalogue]?.Keys as Item[] | undefined;
      }
    }
    return titles;
  }

  async setTitleOverride(
    bandId: string,
    songKey: string,
    displayTitle: string,
    events: readonly OutboxEvent[],
  ): Promise<void> {
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tables.catalogue,
              Item: { ...catalogueKeys.title(bandId, songKey), displayTitle },
            },
          },
          ...outboxPuts(this.tables.outbox, events),
        ],
      }),
    );
  }

  async recordReconciliation(
    bandId: string,
    report: { added: number; changed: number; removed: number; unchanged: number },
    events: readonly OutboxEvent[],
  ): Promise<void> {
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tables.catalogue,
              Item: { pk: `C#${bandId}`, sk: 'reconciliation', ...report, at: events[0]?.occurredAt },
            },
          },
          ...outboxPuts(this.tables.outbox, events),
        ],
      }),
    );
  }

  async nonconforming(bandId: string): Promise<NonconformingFile[]> {
    const items = await this.queryAll({
      TableName: this.tables.catalogue,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': catalogueKeys.nonconforming(bandId) },
    });
    return items.map((item) => ({
      fileId: item.sk as string,
      name: item.name as string,
      problems: item.problems as NonconformingFile['problems'],
    }));
  }

  async recent(bandId: string, scan: number): Promise<ViewFile[]> {
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tables.catalogue,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': catalogueKeys.recent(bandId) },
        ScanIndexForward: false,
        Limit: scan,
      }),
    );
    return Items.map(toViewFile);
  }

  async presentFiles(bandId: string): Promise<CatalogueRecord[]> {
    const items = await this.queryAll({
      TableName: this.tables.catalogue,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': catalogueKeys.filesOf(bandId) },
    });
    return items.filter((item) => item.state === 'present').map((item) => item.record as CatalogueRecord);
  }

  async noteBands(bandIds: readonly string[]): Promise<void> {
    // An update with nothing to set but the key creates the entry and leaves `reconciledAt` as it is.
    await Promise.all(
      [...new Set(bandIds)].map((bandId) =>
        this.doc.send(
          new UpdateCommand({ TableName: this.tables.catalogue, Key: catalogueKeys.band(bandId) }),
        ),
      ),
    );
  }

  async markReconciled(bandId: string, at: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tables.catalogue,
        Key: catalogueKeys.band(bandId),
        UpdateExpression: 'SET reconciledAt = :at',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }

  async bandsToReconcile(before: string, limit: number): Promise<string[]> {
    const items = await this.queryAll({
      TableName: this.tables.catalogue,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': catalogueKeys.bands },
      ProjectionExpression: 'sk, reconciledAt',
    });
    const waiting = (item: Item) => (item.reconciledAt as string | undefined) ?? '';
    return items
      .filter((item) => waiting(item) < before)
      .sort((a, b) => (waiting(a) < waiting(b) ? -1 : waiting(a) > waiting(b) ? 1 : 0))
      .slice(0, limit)
      .map((item) => item.sk as string);
  }

  private async queryAll(input: QueryCommandInput): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Item | undefined;
    do {
      const { Items = [], LastEvaluatedKey } = await this.doc.send(
        new QueryCommand({ ...input, ExclusiveStartKey: startKey }),
      );
      items.push(...Items);
      startKey = LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}
