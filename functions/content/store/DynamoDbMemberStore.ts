import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, isConditionalFailure } from '../../../shared/runtime/index.ts';
import type { BandMember, MemberStore } from './MemberStore.ts';

/** Manifest name of the members table. */
export const MEMBERS_TABLE = 'members';

type Item = Record<string, unknown>;

const toMember = (item: Item): BandMember => ({
  bandId: item.bandId as string,
  userId: item.userId as string,
  role: (item.role as BandMember['role']) ?? null,
  instruments: (item.instruments as BandMember['instruments']) ?? [],
  asOf: item.asOf as string,
});

/** Members on DynamoDB (key `bandId`, `userId`); a removed member stays as a row with no role. */
export class DynamoDbMemberStore implements MemberStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly table: string,
  ) {
    this.doc = documentClient(client);
  }

  async member(bandId: string, userId: string): Promise<BandMember | null> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: { bandId, userId }, ConsistentRead: true }),
    );
    return Item ? toMember(Item) : null;
  }

  async members(bandId: string): Promise<BandMember[]> {
    const members: BandMember[] = [];
    let startKey: Item | undefined;
    do {
      const { Items = [], LastEvaluatedKey } = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'bandId = :band',
          ExpressionAttributeValues: { ':band': bandId },
          ExclusiveStartKey: startKey,
        }),
      );
      members.push(...Items.map(toMember).filter((m) => m.role !== null));
      startKey = LastEvaluatedKey;
    } while (startKey);
    return members;
  }

  async save(member: BandMember): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...member, role: member.role ?? undefined, instruments: [...member.instruments] },
          ConditionExpression: 'attribute_not_exists(bandId) OR asOf <= :asOf',
          ExpressionAttributeValues: { ':asOf': member.asOf },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalFailure(error)) return false;
      throw error;
    }
  }
}
