import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  documentClient,
  isConditionalFailure,
  type OutboxEvent,
  outboxPuts,
} from '../../../shared/runtime/index.ts';
import type { RefreshTokenRecord, SessionRecord } from '../domain/authRecords.ts';
import type { SessionStore } from './SessionStore.ts';
import { ConcurrentChangeError } from './storeErrors.ts';

/**
 * Sessions (table `sessions`, key `sessionId`) and refresh tokens (table `refresh-tokens`, key `tokenHash`);
 * the events of each change go into the `outbox` table in the same transaction.
 */
export class DynamoDbSessionStore implements SessionStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tables: {
      readonly sessions: string;
      readonly refreshTokens: string;
      readonly outbox: string;
    },
  ) {
    this.doc = documentClient(client);
  }

  async createSession(
    session: SessionRecord,
    firstToken: RefreshTokenRecord,
    outbox: readonly OutboxEvent[],
  ): Promise<void> {
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tables.sessions,
              Item: session,
              ConditionExpression: 'attribute_not_exists(sessionId)',
            },
          },
          {
            Put: {
              TableName: this.tables.refreshTokens,
              Item: firstToken,
              ConditionExpression: 'attribute_not_exists(tokenHash)',
            },
          },
          ...outboxPuts(this.tables.outbox, outbox),
        ],
      }),
    );
  }

  async getSession(sessionId: string): Promise<SessionRecord | null> {
    const result = await this.doc.send(
      new GetCommand({ TableName: this.tables.sessions, Key: { sessionId }, ConsistentRead: true }),
    );
    return (result.Item as SessionRecord | undefined) ?? null;
  }

  async getRefreshToken(tokenHash: string): Promise<RefreshTokenRecord | null> {
    const result = await this.doc.send(
      new GetCommand({ TableName: this.tables.refreshTokens, Key: { tokenHash }, ConsistentRead: true }),
    );
    return (result.Item as RefreshTokenRecord | undefined) ?? null;
  }

  async rotate(usedHash: string, next: RefreshTokenRecord, outbox: readonly OutboxEvent[]): Promise<void> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tables.refreshTokens,
                Key: { tokenHash: usedHash },
                UpdateExpression: 'SET #status = :used',
                ConditionExpression: '#status = :active',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':used': 'used', ':active': 'active' },
              },
            },
            {
              Put: {
                TableName: this.tables.refreshTokens,
                Item: next,
                ConditionExpression: 'attribute_not_exists(tokenHash)',
              },
            },
            {
              ConditionCheck: {
                TableName: this.tables.sessions,
                Key: { sessionId: next.sessionId },
                ConditionExpression: '#status = :active',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':active': 'active' },
              },
            },
            ...outboxPuts(this.tables.outbox, outbox),
          ],
        }),
      );
    } catch (error) {
      if (isConditionalFailure(error)) throw new ConcurrentChangeError('The refresh token was already spent');
      throw error;
    }
  }

  async revokeSession(
    sessionId: string,
    reason: NonNullable<SessionRecord['revokedReason']>,
    outbox: readonly OutboxEvent[],
  ): Promise<boolean> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tables.sessions,
                Key: { sessionId },
                UpdateExpression: 'SET #status = :revoked, revokedReason = :reason',
                ConditionExpression: '#status = :active',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':revoked': 'revoked', ':active': 'active', ':reason': reason },
              },
            },
            ...outboxPuts(this.tables.outbox, outbox),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalFailure(error)) return false;
      throw error;
    }
  }
}
