import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DashboardPreferences } from '../domain/dashboardPreferences.ts';
import type { PreferencesStore } from './PreferencesStore.ts';

/** Dashboard preferences in DynamoDB: pk `userId`, the preferences as attributes. */
export class DynamoDbPreferencesStore implements PreferencesStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(userId: string): Promise<DashboardPreferences | null> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { userId } }));
    if (!Item) return null;
    const { userId: _key, ...preferences } = Item;
    return DashboardPreferences.parse(preferences);
  }

  async put(userId: string, preferences: DashboardPreferences): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { userId, ...preferences } }));
  }
}
