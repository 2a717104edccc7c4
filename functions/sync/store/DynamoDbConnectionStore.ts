import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Role } from '../../../shared/contracts/bandVocabulary.ts';
import { documentClient, isConditionalFailure } from '../../../shared/runtime/index.ts';
import type { ConnectionRecord, Subscription } from '../domain/liveRecords.ts';
import type { ConnectionStore } from './ConnectionStore.ts';
import { CONNECTIONS_BY_USER_INDEX, SUBSCRIPTIONS_BY_BAND_INDEX } from './syncTableNames.ts';

const META = 'META';
const connectionKey = (connectionId: string) => `CONN#${connectionId}`;
const bandKey = (bandId: string) => `BAND#${bandId}`;

type Item = Record<string, unknown>;

/**
 * A user's subscriptions to one band, on `byUser`: it is keyed by user and item sort key, and a subscription's
 * sort key names its band.
 */
const userInBand = (userId: string, bandId: string) => ({
  IndexName: CONNECTIONS_BY_USER_INDEX,
  KeyConditionExpression: 'userId = :u AND sk = :sk',
  ExpressionAttributeValues: { ':u': userId, ':sk': bandKey(bandId) },
});

const toConnection = (item: Item): ConnectionRecord => ({
  connectionId: item.connectionId as string,
  userId: item.userId as string,
  instruments: (item.instruments as ConnectionRecord['instruments']) ?? [],
  connectedAt: item.connectedAt as string,
  expiresAt: item.expiresAt as number,
});

const toSubscription = (item: Item): Subscription => ({
  connectionId: item.connectionId as string,
  bandId: item.bandId as string,
  userId: item.userId as string,
  role: item.role as Role,
  instruments: (item.instruments as Subscription['instruments']) ?? [],
  expiresAt: item.expiresAt as number,
});

/**
 * A band's room through the `byBand` index: a broadcast reads it whole, so only the attributes
 * {@link toSubscription} reads, not the items' keys (`role` is a reserved word).
 */
const roomOf = (bandId: string) => ({
  IndexName: SUBSCRIPTIONS_BY_BAND_INDEX,
  KeyConditionExpression: 'bandId = :b',
  ExpressionAttributeValues: { ':b': bandId },
  ProjectionExpression: 'connectionId, bandId, userId, #role, instruments, expiresAt',
  ExpressionAttributeNames: { '#role': 'role' },
});

/**
 * Connections and subscriptions in one table: a connection's items share its partition (so `$disconnect`
 * reads them in one query), subscriptions carry `bandId` for the sparse `byBand` index (a broadcast is one
 * query per band) and every item `userId` for `byUser`. Items expire with API Gateway's 2-hour limit.
 */
export class DynamoDbConnectionStore implements ConnectionStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly table: string,
  ) {
    this.doc = documentClient(client);
  }

  async putConnection(connection: ConnectionRecord): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: { pk: connectionKey(connection.connectionId), sk: META, ...connection },
      }),
    );
  }

  async getConnection(connectionId: string): Promise<ConnectionRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: { pk: connectionKey(connectionId), sk: META } }),
    );
    return Item ? toConnection(Item) : undefined;
  }

  async deleteConnection(connectionId: string): Promise<Subscription[]> {
    const items = await this.partition(connectionId);
    for (let i = 0; i < items.length; i += 25) {
      const chunk = items.slice(i, i + 25);
      let requests: Item[] = chunk.map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } }));
      // Unprocessed deletes (throttling) are sent again; a connection's partition holds at most ~50 items.
      for (let attempt = 0; requests.length > 0 && attempt < 5; attempt++) {
        const answer = await this.doc.send(
          new BatchWriteCommand({ RequestItems: { [this.table]: requests as never } }),
        );
        requests = (answer.UnprocessedItems?.[this.table] ?? []) as Item[];
      }
    }
    return items.filter((item) => item.sk !== META).map(toSubscription);
  }

  async subscriptionsOfConnection(connectionId: string): Promise<Subscription[]> {
    return (await this.partition(connectionId)).filter((item) => item.sk !== META).map(toSubscription);
  }

  async subscribe(subscription: Subscription): Promise<boolean> {
    const pk = connectionKey(subscription.connectionId);
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: this.table,
                Key: { pk, sk: META },
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.table,
                Item: { pk, sk: bandKey(subscription.bandId), ...subscription },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      // The connection item is gone (its condition failed): $disconnect won the race.
      if (isConditionalFailure(error)) return false;
      throw error;
    }
  }

  async unsubscribe(connectionId: string, bandId: string): Promise<boolean> {
    const { Attributes } = await this.doc.send(
      new DeleteCommand({
        TableName: this.table,
        Key: { pk: connectionKey(connectionId), sk: bandKey(bandId) },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return Attributes !== undefined;
  }

  async subscriptionsOfBand(bandId: string): Promise<Subscription[]> {
    return (await this.queryAll(roomOf(bandId))).map(toSubscription);
  }

  async *subscriptionPagesOfBand(bandId: string, pageSize: number): AsyncIterable<Subscription[]> {
    let start: Item | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          ...roomOf(bandId),
          TableName: this.table,
          Limit: pageSize,
          ExclusiveStartKey: start,
        }),
      );
      const items = (page.Items ?? []) as Item[];
      if (items.length > 0) yield items.map(toSubscription);
      start = page.LastEvaluatedKey;
    } while (start);
  }

  async ofUser(userId: string): Promise<{ connections: ConnectionRecord[]; subscriptions: Subscription[] }> {
    const items = await this.queryAll({
      IndexName: CONNECTIONS_BY_USER_INDEX,
      KeyConditionExpression: 'userId = :u',
      ExpressionAttributeValues: { ':u': userId },
    });
    return {
      connections: items.filter((item) => item.sk === META).map(toConnection),
      subscriptions: items.filter((item) => item.sk !== META).map(toSubscription),
    };
  }

  async subscriptionsOfUserInBand(userId: string, bandId: string): Promise<Subscription[]> {
    return (await this.queryAll(userInBand(userId, bandId))).map(toSubscription);
  }

  async countUserSubscriptions(userId: string, bandId: string, atMost: number): Promise<number> {
    // One query of at most `atMost` index entries, whatever else the user holds.
    const page = await this.doc.send(
      new QueryCommand({
        ...userInBand(userId, bandId),
        TableName: this.table,
        Select: 'COUNT',
        Limit: atMost,
      }),
    );
    return page.Count ?? 0;
  }

  async setRole(connectionId: string, bandId: string, role: Role): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: connectionKey(connectionId), sk: bandKey(bandId) },
          UpdateExpression: 'SET #role = :r',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#role': 'role' },
          ExpressionAttributeValues: { ':r': role },
        }),
      );
    } catch (error) {
      // Unsubscribed meanwhile: nothing to change.
      if (!isConditionalFailure(error)) throw error;
    }
  }

  async allConnectionIds(): Promise<string[]> {
    const ids: string[] = [];
    let start: Item | undefined;
    do {
      const page = await this.doc.send(
        new ScanCommand({
          TableName: this.table,
          FilterExpression: 'sk = :meta',
          ExpressionAttributeValues: { ':meta': META },
          ProjectionExpression: 'connectionId',
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) ids.push(item.connectionId as string);
      start = page.LastEvaluatedKey;
    } while (start);
    return ids;
  }

  private partition(connectionId: string): Promise<Item[]> {
    return this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': connectionKey(connectionId) },
      ConsistentRead: true,
    });
  }

  private async queryAll(
    input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>,
  ): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({ ...input, TableName: this.table, ExclusiveStartKey: start }),
      );
      items.push(...((page.Items ?? []) as Item[]));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }
}
