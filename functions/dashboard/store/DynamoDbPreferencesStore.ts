import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboxEvent } from '../../../shared/runtime/outbox/OutboxEvent.ts';
import { outboxPuts } from '../../../shared/runtime/outbox/outboxItems.ts';
import { DashboardPreferences } from '../domain/dashboardPreferences.ts';
import type { PreferencesStore } from './PreferencesStore.ts';

/** Dashboard preferences in DynamoDB: pk `userId`, the preferences as attributes; events in the outbox table. */
export class DynamoDbPreferencesStore implements PreferencesStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly outboxTableName: string,
  ) {}

  async get(userId: string): Promise<DashboardPreferences | null> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { userId } }));
    if (!Item) return null;
    const { userId: _key, ...preferences } = Item;
    return DashboardPreferences.parse(preferences);
  }

  async save(
    userId: string,
    preferences: DashboardPreferences,
    events: readonly OutboxEvent[],
  ): Promise<void> {
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: { userId, ...preferences } } },
          ...outboxPuts(this.outboxTableName, events),
        ],
      }),
    );
  }
}
