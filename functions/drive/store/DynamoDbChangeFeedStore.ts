import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/runtime/storage/documentClient.ts';
import { isConditionalFailure } from '../../../shared/runtime/storage/isConditionalFailure.ts';
import type { TransactWriteItem } from '../../../shared/runtime/storage/TransactWriteItem.ts';
import type { ChangeFeedStore, StoredChannel } from './ChangeFeedStore.ts';

const FEED = 'feed#';
const CHANNEL = 'channel#';

const toChannel = (item: Record<string, unknown>): StoredChannel => ({
  channelId: item.channelId as string,
  resourceId: item.resourceId as string,
  token: item.token as string,
  expiresAt: item.expiresAt as string,
  account: item.account as string,
  openedAt: item.openedAt as string,
});

/**
 * Table `change-feed`, key `id`: `feed#<account>` rows hold an account's page token, `channel#<id>` rows its
 * push channels. Both are few, so listing the channels is a scan.
 */
export class DynamoDbChangeFeedStore implements ChangeFeedStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = documentClient(client);
  }

  async pageToken(account: string): Promise<string | null> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { id: FEED + account }, ConsistentRead: true }),
    );
    return (Item?.pageToken as string | undefined) ?? null;
  }

  async savePageToken(account: string, expected: string | null, next: string, at: string): Promise<boolean> {
    const { Put } = this.pageTokenWrite(account, expected, next, at);
    try {
      await this.doc.send(new PutCommand(Put));
      return true;
    } catch (error) {
      if (isConditionalFailure(error)) return false;
      throw error;
    }
  }

  pageTokenWrite(
    account: string,
    expected: string | null,
    next: string,
    at: string,
  ): TransactWriteItem & { Put: NonNullable<TransactWriteItem['Put']> } {
    return {
      Put: {
        TableName: this.tableName,
        Item: { id: FEED + account, pageToken: next, savedAt: at },
        ...(expected === null
          ? { ConditionExpression: 'attribute_not_exists(pageToken)' }
          : {
              ConditionExpression: 'pageToken = :expected',
              ExpressionAttributeValues: { ':expected': expected },
            }),
      },
    };
  }

  async resetPageToken(account: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: { id: FEED + account } }));
  }

  async channel(channelId: string): Promise<StoredChannel | null> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { id: CHANNEL + channelId }, ConsistentRead: true }),
    );
    return Item === undefined ? null : toChannel(Item);
  }

  async channels(): Promise<StoredChannel[]> {
    const channels: StoredChannel[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'begins_with(id, :c)',
          ExpressionAttributeValues: { ':c': CHANNEL },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) channels.push(toChannel(item));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return channels;
  }

  async saveChannel(channel: StoredChannel): Promise<void> {
    await this.doc.send(
      new PutCommand({ TableName: this.tableName, Item: { id: CHANNEL + channel.channelId, ...channel } }),
    );
  }

  async deleteChannel(channelId: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: { id: CHANNEL + channelId } }));
  }
}
