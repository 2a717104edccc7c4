import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { documentClient, isConditionalFailure } from '../../../shared/runtime/index.ts';
import type { StatementSource } from '../domain/channelStatements.ts';
import type { ChannelBand } from '../domain/liveRecords.ts';
import type { LibrarySyncState, LiveStateStore } from './LiveStateStore.ts';

const channelKey = (userId: string, bandId: string) => `CHANNEL#${userId}#${bandId}`;
const librarySyncKey = (bandId: string) => `LIBSYNC#${bandId}`;
const HEALTH_KEY = 'HEALTH';
/** A reconciliation the drive never reported complete is forgotten after a day. */
const LIBRARY_SYNC_TTL_SECONDS = 24 * 60 * 60;

/**
 * One item per key (`pk`): `CHANNEL#<userId>#<bandId>` prepared memberships, `HEALTH`, `LIBSYNC#<bandId>`
 * reconciliations.
 */
export class DynamoDbLiveStateStore implements LiveStateStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly table: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.doc = documentClient(client);
  }

  async stateChannelBand(entry: ChannelBand, source: StatementSource): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: channelKey(entry.userId, entry.bandId), kind: 'channel', ...entry },
          // A sign-in must be strictly newer to replace what is kept; a membership change wins a tie.
          ConditionExpression:
            source === 'login'
              ? 'attribute_not_exists(pk) OR asOf < :asOf'
              : 'attribute_not_exists(pk) OR asOf <= :asOf',
          ExpressionAttributeValues: { ':asOf': entry.asOf },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalFailure(error)) return false;
      throw error;
    }
  }

  async channelBand(userId: string, bandId: string): Promise<ChannelBand | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.table,
        Key: { pk: channelKey(userId, bandId) },
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    return {
      userId: Item.userId as string,
      bandId: Item.bandId as string,
      role: (Item.role as ChannelBand['role'] | undefined) ?? null,
      asOf: Item.asOf as number,
      expiresAt: Item.expiresAt as number,
    };
  }

  async downModules(): Promise<string[]> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: { pk: HEALTH_KEY }, ConsistentRead: true }),
    );
    return (Item?.down as string[] | undefined) ?? [];
  }

  async setDownModules(modules: readonly string[]): Promise<void> {
    await this.doc.send(
      new PutCommand({ TableName: this.table, Item: { pk: HEALTH_KEY, down: [...modules] } }),
    );
  }

  async startLibrarySync(state: LibrarySyncState): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          pk: librarySyncKey(state.bandId),
          kind: 'library-sync',
          ...state,
          expiresAt: this.epochSeconds() + LIBRARY_SYNC_TTL_SECONDS,
        },
      }),
    );
  }

  async countLibraryFile(bandId: string): Promise<LibrarySyncState | undefined> {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: librarySyncKey(bandId) },
          UpdateExpression: 'ADD filesSeen :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? toLibrarySync(Attributes) : undefined;
    } catch (error) {
      if (isConditionalFailure(error)) return undefined;
      throw error;
    }
  }

  async endLibrarySync(bandId: string): Promise<LibrarySyncState | undefined> {
    const { Attributes } = await this.doc.send(
      new DeleteCommand({
        TableName: this.table,
        Key: { pk: librarySyncKey(bandId) },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return Attributes ? toLibrarySync(Attributes) : undefined;
  }

  async runningLibrarySyncs(): Promise<LibrarySyncState[]> {
    const found: LibrarySyncState[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new ScanCommand({
          TableName: this.table,
          FilterExpression: 'kind = :k',
          ExpressionAttributeValues: { ':k': 'library-sync' },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) found.push(toLibrarySync(item));
      start = page.LastEvaluatedKey;
    } while (start);
    return found;
  }

  private epochSeconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }
}

const toLibrarySync = (item: Record<string, unknown>): LibrarySyncState => ({
  bandId: item.bandId as string,
  syncId: item.syncId as string,
  filesSeen: (item.filesSeen as number | undefined) ?? 0,
});
