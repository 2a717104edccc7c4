import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './documentClient.ts';
import { isConditionalFailure } from './isConditionalFailure.ts';
import type { SigningKeyRecord, SigningKeyStore } from './SigningKeyStore.ts';

// Every key lives in one partition: the set is tiny, and one query returns the newest first.
const KEYS_PARTITION = 'KEY';

/** Signing keys on DynamoDB (table `signing-keys`, `pk` + `kid`). */
export class DynamoDbSigningKeyStore implements SigningKeyStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = documentClient(client);
  }

  async listNewest(limit: number): Promise<SigningKeyRecord[]> {
    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': KEYS_PARTITION },
        ScanIndexForward: false,
        ConsistentRead: true,
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => ({
      kid: item.kid as string,
      createdAt: item.createdAt as string,
      ...(typeof item.activeFrom === 'string' ? { activeFrom: item.activeFrom } : {}),
      publicJwk: item.publicJwk as SigningKeyRecord['publicJwk'],
      privateJwk: item.privateJwk as SigningKeyRecord['privateJwk'],
    }));
  }

  async putKey(record: SigningKeyRecord): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: KEYS_PARTITION, ...record },
          ConditionExpression: 'attribute_not_exists(kid)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalFailure(error)) return false;
      throw error;
    }
  }
}
