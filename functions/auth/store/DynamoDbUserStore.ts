import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Instrument } from '../../../shared/contracts/bandVocabulary.ts';
import { documentClient, isConditionalFailure } from '../../../shared/runtime/index.ts';
import type { UserRecord } from '../domain/authRecords.ts';
import { EmailAlreadyRegisteredError } from './storeErrors.ts';
import type { UserStore } from './UserStore.ts';
import { emailClaimKey, userItemKey } from './userKeys.ts';

const userKey = userItemKey;
const emailKey = emailClaimKey;
const BATCH_GET_LIMIT = 100;

const toUser = (item: Record<string, unknown>): UserRecord => ({
  userId: item.userId as string,
  email: item.email as string,
  name: item.name as string,
  instruments: (item.instruments as Instrument[] | undefined) ?? [],
  createdAt: item.createdAt as string,
  ...(typeof item.googleSubject === 'string' ? { googleSubject: item.googleSubject } : {}),
});

/** Users on DynamoDB: `USER#<id>` items, and `EMAIL#<email>` items pointing at them. */
export class DynamoDbUserStore implements UserStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = documentClient(client);
  }

  async getUser(userId: string): Promise<UserRecord | null> {
    const result = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: userKey(userId), ConsistentRead: true }),
    );
    return result.Item ? toUser(result.Item) : null;
  }

  async getUsers(userIds: readonly string[]): Promise<UserRecord[]> {
    const unique = [...new Set(userIds)];
    const users: UserRecord[] = [];
    for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) {
      let keys: Record<string, unknown>[] | undefined = unique.slice(i, i + BATCH_GET_LIMIT).map(userKey);
      for (let attempt = 0; keys && keys.length > 0; attempt++) {
        if (attempt > 5) throw new Error('Reading users kept being throttled; try again.');
        const result: BatchGetCommandOutput = await this.doc.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }),
        );
        users.push(...(result.Responses?.[this.tableName] ?? []).map(toUser));
        keys = result.UnprocessedKeys?.[this.tableName]?.Keys;
        if (keys && keys.length > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
    return users;
  }

  async findUserByEmail(email: string): Promise<UserRecord | null> {
    const claim = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: emailKey(email), ConsistentRead: true }),
    );
    const userId = claim.Item?.userId;
    return typeof userId === 'string' ? this.getUser(userId) : null;
  }

  async createUser(user: UserRecord): Promise<void> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...emailKey(user.email), userId: user.userId },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...userKey(user.userId), ...user, instruments: [...user.instruments] },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (isConditionalFailure(error)) throw new EmailAlreadyRegisteredError(user.email);
      throw error;
    }
  }

  async linkGoogleSubject(userId: string, subject: string): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: userKey(userId),
          UpdateExpression: 'SET googleSubject = :subject',
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(googleSubject) OR googleSubject = :subject)',
          ExpressionAttributeValues: { ':subject': subject },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalFailure(error)) return false;
      throw error;
    }
  }

  async updateProfile(
    userId: string,
    profile: { readonly name: string; readonly instruments: readonly Instrument[] },
  ): Promise<UserRecord | null> {
    try {
      const result = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: userKey(userId),
          UpdateExpression: 'SET #name = :name, instruments = :instruments',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':name': profile.name, ':instruments': [...profile.instruments] },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes ? toUser(result.Attributes) : null;
    } catch (error) {
      if (isConditionalFailure(error)) return null;
      throw error;
    }
  }
}
