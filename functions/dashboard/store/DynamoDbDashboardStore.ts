import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { isConditionalFailure } from '../../../shared/runtime/storage/isConditionalFailure.ts';
import { PreparedDashboard, type PreparedWidgets, type StaleReason } from '../domain/preparedDashboard.ts';
import type { DashboardStore } from './DashboardStore.ts';

/** Prepared dashboards in DynamoDB: pk `bandId`, sk `userId`, the dashboard's fields as attributes. */
export class DynamoDbDashboardStore implements DashboardStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(bandId: string, userId: string): Promise<PreparedDashboard | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { bandId, userId } }),
    );
    // Parsed, so an item written by an older version never reaches a reader in a shape it does not know.
    return Item ? PreparedDashboard.parse(Item) : null;
  }

  async put(dashboard: PreparedDashboard, options: { readonly replacing?: boolean } = {}): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: dashboard,
          ...(options.replacing ? { ConditionExpression: 'attribute_exists(bandId)' } : {}),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalFailure(error)) return false;
      throw error;
    }
  }

  async putWidgets(
    bandId: string,
    userId: string,
    widgets: Partial<PreparedWidgets>,
    preparedAt: string,
  ): Promise<boolean> {
    const entries = Object.entries(widgets);
    if (entries.length === 0) return true;
    // One widget's path each (`widgets.recently_added`): a gig change refreshing the gig widgets at the same
    // time as a file change refreshes Recently added leaves both, which a whole put would not.
    const names = Object.fromEntries(entries.map(([widget], i) => [`#w${i}`, widget]));
    const values = Object.fromEntries(entries.map(([, items], i) => [`:w${i}`, items]));
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { bandId, userId },
          UpdateExpression: `SET ${entries.map((_, i) => `widgets.#w${i} = :w${i}`).join(', ')}, preparedAt = :at`,
          ConditionExpression: 'attribute_exists(bandId) AND attribute_type(staleReason, :current)',
          ExpressionAttributeNames: names,
          // A current dashboard's staleReason is null (DynamoDB type NULL); a stale one's is a map.
          ExpressionAttributeValues: { ...values, ':at': preparedAt, ':current': 'NULL' },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalFailure(error)) return false;
      throw error;
    }
  }

  async markStale(bandId: string, userId: string, reason: StaleReason): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { bandId, userId },
          UpdateExpression: 'SET staleReason = :reason',
          ConditionExpression: 'attribute_exists(bandId)',
          ExpressionAttributeValues: { ':reason': reason },
        }),
      );
    } catch (error) {
      if (!isConditionalFailure(error)) throw error;
    }
  }

  async membersWithDashboard(bandId: string): Promise<string[]> {
    const members: string[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'bandId = :bandId',
        ExpressionAttributeValues: { ':bandId': bandId },
        ProjectionExpression: 'userId',
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) members.push(String(item.userId));
    }
    return members;
  }

  async remove(bandId: string, userId: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { bandId, userId } }));
  }
}
