import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { RefreshTokenRecord, SessionRecord } from '../domain/authRecords.ts';
import { documentClient } from './documentClient.ts';
import { isConditionalFailure } from './isConditionalFailure.ts';
import type { SessionStore } from './SessionStore.ts';
import { ConcurrentChangeError } from './storeErrors.ts';

/** Sessions (table `sessions`, key `sessionId`) and refresh tokens (table `refresh-tokens`, key `tokenHash`). */
export class DynamoDbSessionStore implements SessionStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tables: { readonly sessions: string; readonly refreshTokens: string },
  ) {
    this.doc = documentClient(client);
  }

  async createSession(session: SessionRecord, firstToken: RefreshTokenRecord): Promise<void> {
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

  async rotate(usedHash: string, next: RefreshTokenRecord): Promise<void> {
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
  ): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tables.sessions,
          Key: { sessionId },
          UpdateExpression: 'SET #status = :revoked, revokedReason = :reason',
          ConditionExpression: '#status = :active',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':revoked': 'revoked', ':active': 'active', ':reason': reason },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalFailure(error)) return false;
      throw error;
    }
  }
}
