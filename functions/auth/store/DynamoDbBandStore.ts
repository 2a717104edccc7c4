import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Role } from '../../../shared/contracts/bandVocabulary.ts';
import {
  documentClient,
  failedConditions,
  isConditionalFailure,
  type OutboxEvent,
  outboxPuts,
  type TransactWriteItem,
} from '../../../shared/runtime/index.ts';
import { MAX_BAND_MEMBERS, MAX_BANDS_PER_USER } from '../domain/authConstants.ts';
import type { BandRecord, MembershipRecord } from '../domain/authRecords.ts';
import { MEMBERSHIPS_BY_USER_INDEX } from './authTableNames.ts';
import type { BandStore } from './BandStore.ts';
import {
  BandExistsError,
  BandFullError,
  BandNotFoundError,
  ConcurrentChangeError,
  TooManyBandsError,
  TooManyMembershipsError,
} from './storeErrors.ts';
import { userItemKey } from './userKeys.ts';

const toBand = (item: Record<string, unknown>): BandRecord => ({
  bandId: item.bandId as string,
  name: item.name as string,
  createdBy: item.createdBy as string,
  createdAt: item.createdAt as string,
  leaderCount: item.leaderCount as number,
  memberCount: (item.memberCount as number | undefined) ?? 0,
});

const toMembership = (item: Record<string, unknown>): MembershipRecord => ({
  bandId: item.bandId as string,
  userId: item.userId as string,
  role: item.role as Role,
  joinedAt: item.joinedAt as string,
});

/**
 * Bands (table `bands`, key `bandId`) and memberships (table `memberships`, `bandId`+`userId`, index by user).
 * Every membership write also keeps the counters that bound it (the band's `leaderCount` and `memberCount`,
 * the user's `bandCount` on the `users` item) and puts the events announcing it into the outbox, all in one
 * transaction. Counters start when this version first touches an item: older items count from zero.
 */
export class DynamoDbBandStore implements BandStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tables: {
      readonly bands: string;
      readonly memberships: string;
      readonly users: string;
      readonly outbox: string;
    },
  ) {
    this.doc = documentClient(client);
  }

  async createBand(
    band: Omit<BandRecord, 'leaderCount' | 'memberCount'>,
    creator: MembershipRecord,
    outbox: readonly OutboxEvent[],
  ): Promise<BandRecord> {
    const record: BandRecord = { ...band, leaderCount: 1, memberCount: 1 };
    try {
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
            this.countBandOfUser(creator.userId),
            ...outboxPuts(this.tables.outbox, outbox),
          ],
        }),
      );
    } catch (error) {
      const failed = failedConditions(error);
      if (failed.includes(0)) throw new BandExistsError(band.bandId);
      if (failed.includes(2)) throw new TooManyBandsError(creator.userId, MAX_BANDS_PER_USER);
      throw error;
    }
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

  async listMembers(bandId: string): Promise<MembershipRecord[]> {
    const found = await this.queryAtMost(MAX_BAND_MEMBERS, {
      TableName: this.tables.memberships,
      KeyConditionExpression: 'bandId = :bandId',
      ExpressionAttributeValues: { ':bandId': bandId },
      ConsistentRead: true,
    });
    return found.slice(0, MAX_BAND_MEMBERS);
  }

  async listMembershipsOfUser(userId: string): Promise<MembershipRecord[]> {
    const found = await this.queryAtMost(MAX_BANDS_PER_USER, {
      TableName: this.tables.memberships,
      IndexName: MEMBERSHIPS_BY_USER_INDEX,
      KeyConditionExpression: 'userId = :userId',
      ExpressionAttributeValues: { ':userId': userId },
    });
    // A token must carry every membership: one too many is an error, never a silently shorter list.
    if (found.length > MAX_BANDS_PER_USER) throw new TooManyMembershipsError(userId, MAX_BANDS_PER_USER);
    return found;
  }

  async addMember(membership: MembershipRecord, outbox: readonly OutboxEvent[]): Promise<boolean> {
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
                UpdateExpression: 'ADD leaderCount :delta, memberCount :one',
                ConditionExpression:
                  'attribute_exists(bandId) AND (attribute_not_exists(memberCount) OR memberCount < :max)',
                ExpressionAttributeValues: {
                  ':delta': membership.role === 'leader' ? 1 : 0,
                  ':one': 1,
                  ':max': MAX_BAND_MEMBERS,
                },
              },
            },
            this.countBandOfUser(membership.userId),
            ...outboxPuts(this.tables.outbox, outbox),
          ],
        }),
      );
      return true;
    } catch (error) {
      const failed = failedConditions(error);
      if (failed.length === 0) throw error;
      if (failed.includes(0)) return false;
      if (failed.includes(1)) {
        if (!(await this.getBand(membership.bandId))) throw new BandNotFoundError(membership.bandId);
        throw new BandFullError(membership.bandId, MAX_BAND_MEMBERS);
      }
      throw new TooManyBandsError(membership.userId, MAX_BANDS_PER_USER);
    }
  }

  async changeRole(
    bandId: string,
    userId: string,
    from: Role,
    to: Role,
    outbox: readonly OutboxEvent[],
  ): Promise<void> {
    if (from === to) return;
    const leaderDelta = from === 'leader' ? -1 : 1;
    await this.writeGuarded([
      {
        Update: {
          TableName: this.tables.memberships,
          Key: { bandId, userId },
          UpdateExpression: 'SET #role = :to',
          ConditionExpression: '#role = :from',
          ExpressionAttributeNames: { '#role': 'role' },
          ExpressionAttributeValues: { ':to': to, ':from': from },
        },
      },
      this.bandCounts(bandId, leaderDelta, 0),
      ...outboxPuts(this.tables.outbox, outbox),
    ]);
  }

  async removeMember(
    bandId: string,
    userId: string,
    role: Role,
    outbox: readonly OutboxEvent[],
  ): Promise<void> {
    await this.writeGuarded([
      {
        Delete: {
          TableName: this.tables.memberships,
          Key: { bandId, userId },
          ConditionExpression: '#role = :role',
          ExpressionAttributeNames: { '#role': 'role' },
          ExpressionAttributeValues: { ':role': role },
        },
      },
      this.bandCounts(bandId, role === 'leader' ? -1 : 0, -1),
      {
        Update: {
          TableName: this.tables.users,
          Key: userItemKey(userId),
          UpdateExpression: 'ADD bandCount :minusOne',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':minusOne': -1 },
        },
      },
      ...outboxPuts(this.tables.outbox, outbox),
    ]);
  }

  /** Counts one more band on the user's item, refusing past `MAX_BANDS_PER_USER`. */
  private countBandOfUser(userId: string): TransactWriteItem {
    return {
      Update: {
        TableName: this.tables.users,
        Key: userItemKey(userId),
        UpdateExpression: 'ADD bandCount :one',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(bandCount) OR bandCount < :max)',
        ExpressionAttributeValues: { ':one': 1, ':max': MAX_BANDS_PER_USER },
      },
    };
  }

  /** The band's counters after a change; losing a leader needs another one left. */
  private bandCounts(bandId: string, leaderDelta: number, memberDelta: number): TransactWriteItem {
    return {
      Update: {
        TableName: this.tables.bands,
        Key: { bandId },
        UpdateExpression:
          memberDelta === 0 ? 'ADD leaderCount :delta' : 'ADD leaderCount :delta, memberCount :members',
        ConditionExpression: leaderDelta < 0 ? 'leaderCount > :one' : 'attribute_exists(bandId)',
        ExpressionAttributeValues: {
          ':delta': leaderDelta,
          ...(leaderDelta < 0 ? { ':one': 1 } : {}),
          ...(memberDelta === 0 ? {} : { ':members': memberDelta }),
        },
      },
    };
  }

  private async writeGuarded(items: TransactWriteItem[]): Promise<void> {
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

  /** Up to `limit + 1` items: one more than the limit tells the caller the limit was passed. */
  private async queryAtMost(limit: number, input: QueryCommandInput): Promise<MembershipRecord[]> {
    const found: MembershipRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const result = await this.doc.send(
        new QueryCommand({ ...input, ExclusiveStartKey: start, Limit: limit + 1 - found.length }),
      );
      found.push(...(result.Items ?? []).map(toMembership));
      start = result.LastEvaluatedKey;
    } while (start && found.length <= limit);
    return found;
  }
}
