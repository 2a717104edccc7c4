import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Role } from '../../../shared/contracts/bandVocabulary.ts';
import { MAX_BAND_MEMBERS } from '../domain/authConstants.ts';
import type { BandRecord, MembershipRecord } from '../domain/authRecords.ts';
import { MEMBERSHIPS_BY_USER_INDEX } from './authTableNames.ts';
import type { BandStore } from './BandStore.ts';
import { documentClient } from './documentClient.ts';
import { isConditionalFailure } from './isConditionalFailure.ts';
import { BandNotFoundError, ConcurrentChangeError } from './storeErrors.ts';

const toBand = (item: Record<string, unknown>): BandRecord => ({
  bandId: item.bandId as string,
  name: item.name as string,
  createdBy: item.createdBy as string,
  createdAt: item.createdAt as string,
  leaderCount: item.leaderCount as number,
});

const toMembership = (item: Record<string, unknown>): MembershipRecord => ({
  bandId: item.bandId as string,
  userId: item.userId as string,
  role: item.role as Role,
  joinedAt: item.joinedAt as string,
});

/** Bands (table `bands`, key `bandId`) and memberships (table `memberships`, `bandId`+`userId`, index by user). */
export class DynamoDbBandStore implements BandStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tables: { readonly bands: string; readonly memberships: string },
  ) {
    this.doc = documentClient(client);
  }

  async createBand(band: Omit<BandRecord, 'leaderCount'>, creator: MembershipRecord): Promise<BandRecord> {
    const record: BandRecord = { ...band, leaderCount: 1 };
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tables.bands,
              Item: record,
              ConditionExpression: 'attribute_not_exists(bandId)',
            },
          },
          { Put: { TableName: this.tables.memberships, Item: { ...creator, role: 'leader' } } },
        ],
      }),
    );
    return record;
  }

  async getBand(bandId: string): Promise<BandRecord | null> {
    const result = await this.doc.send(
      new GetCommand({ TableName: this.tables.bands, Key: { bandId }, ConsistentRead: true }),
    );
    return result.Item ? toBand(result.Item) : null;
  }

  async getMembership(bandId: string, userId: string): Promise<MembershipRecord | null> {
    const result = await this.doc.send(
      new GetCommand({ TableName: this.tables.memberships, Key: { bandId, userId }, ConsistentRead: true }),
    );
    return result.Item ? toMembership(result.Item) : null;
  }

  listMembers(bandId: string): Promise<MembershipRecord[]> {
    return this.queryBounded({
      TableName: this.tables.memberships,
      KeyConditionExpression: 'bandId = :bandId',
      ExpressionAttributeValues: { ':bandId': bandId },
      ConsistentRead: true,
    });
  }

  listMembershipsOfUser(userId: string): Promise<MembershipRecord[]> {
    return this.queryBounded({
      TableName: this.tables.memberships,
      IndexName: MEMBERSHIPS_BY_USER_INDEX,
      KeyConditionExpression: 'userId = :userId',
      ExpressionAttributeValues: { ':userId': userId },
    });
  }

  async addMember(membership: MembershipRecord): Promise<boolean> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tables.memberships,
                Item: membership,
                ConditionExpression: 'attribute_not_exists(userId)',
              },
            },
            {
              Update: {
                TableName: this.tables.bands,
                Key: { bandId: membership.bandId },
                UpdateExpression: 'ADD leaderCount :delta',
                ConditionExpression: 'attribute_exists(bandId)',
                ExpressionAttributeValues: { ':delta': membership.role === 'leader' ? 1 : 0 },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionalFailure(error)) throw error;
      if (!(await this.getBand(membership.bandId))) throw new BandNotFoundError(membership.bandId);
      return false;
    }
  }

  async changeRole(bandId: string, userId: string, from: Role, to: Role): Promise<void> {
    if (from === to) return;
    await this.writeGuarded(bandId, from === 'leader' ? -1 : 1, {
      Update: {
        TableName: this.tables.memberships,
        Key: { bandId, userId },
        UpdateExpression: 'SET #role = :to',
        ConditionExpression: '#role = :from',
        ExpressionAttributeNames: { '#role': 'role' },
        ExpressionAttributeValues: { ':to': to, ':from': from },
      },
    });
  }

  async removeMember(bandId: string, userId: string, role: Role): Promise<void> {
    await this.writeGuarded(bandId, role === 'leader' ? -1 : 0, {
      Delete: {
        TableName: this.tables.memberships,
        Key: { bandId, userId },
        ConditionExpression: '#role = :role',
        ExpressionAttributeNames: { '#role': 'role' },
        ExpressionAttributeValues: { ':role': role },
      },
    });
  }

  /** Writes a membership change and the leader count together; losing a leader needs another one left. */
  private async writeGuarded(
    bandId: string,
    leaderDelta: number,
    membershipWrite: NonNullable<
      ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
    >[number],
  ): Promise<void> {
    const items = [membershipWrite];
    if (leaderDelta !== 0) {
      items.push({
        Update: {
          TableName: this.tables.bands,
          Key: { bandId },
          UpdateExpression: 'ADD leaderCount :delta',
          ConditionExpression: leaderDelta < 0 ? 'leaderCount > :one' : 'attribute_exists(bandId)',
          ExpressionAttributeValues:
            leaderDelta < 0 ? { ':delta': leaderDelta, ':one': 1 } : { ':delta': leaderDelta },
        },
      });
    }
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (isConditionalFailure(error)) {
        throw new ConcurrentChangeError(
          'The membership changed meanwhile, or the band would have no leader left',
        );
      }
      throw error;
    }
  }

  private async queryBounded(input: QueryCommandInput): Promise<MembershipRecord[]> {
    const found: MembershipRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const result = await this.doc.send(
        new QueryCommand({ ...input, ExclusiveStartKey: start, Limit: MAX_BAND_MEMBERS - found.length }),
      );
      found.push(...(result.Items ?? []).map(toMembership));
      start = result.LastEvaluatedKey;
    } while (start && found.length < MAX_BAND_MEMBERS);
    return found;
  }
}
