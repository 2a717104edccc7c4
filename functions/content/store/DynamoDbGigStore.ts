import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  documentClient,
  failedConditions,
  type OutboxEvent,
  outboxPuts,
  type TransactWriteItem,
} from '../../../shared/runtime/index.ts';
import type { Gig } from '../domain/gig.ts';
import { type GigStore, GigWriteConflictError } from './GigStore.ts';

/** Manifest name of the gigs table. */
export const GIGS_TABLE = 'gigs';

type Item = Record<string, unknown>;

/** Gigs on DynamoDB (key `bandId`, `gigId`), the whole gig in one item; events go to the outbox with it. */
export class DynamoDbGigStore implements GigStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tables: { readonly gigs: string; readonly outbox: string },
  ) {
    this.doc = documentClient(client);
  }

  async gig(bandId: string, gigId: string): Promise<Gig | null> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tables.gigs, Key: { bandId, gigId }, ConsistentRead: true }),
    );
    return Item ? (Item as Gig) : null;
  }

  async gigs(bandId: string): Promise<Gig[]> {
    const gigs: Gig[] = [];
    let startKey: Item | undefined;
    do {
      const { Items = [], LastEvaluatedKey } = await this.doc.send(
        new QueryCommand({
          TableName: this.tables.gigs,
          KeyConditionExpression: 'bandId = :band',
          ExpressionAttributeValues: { ':band': bandId },
          ExclusiveStartKey: startKey,
        }),
      );
      gigs.push(...(Items as Gig[]));
      startKey = LastEvaluatedKey;
    } while (startKey);
    return gigs;
  }

  save(gig: Gig, events: readonly OutboxEvent[]): Promise<void> {
    return this.transact(
      {
        Put: {
          TableName: this.tables.gigs,
          Item: gig,
          ...(gig.revision === 1
            ? { ConditionExpression: 'attribute_not_exists(gigId)' }
            : {
                ConditionExpression: 'revision = :previous',
                ExpressionAttributeValues: { ':previous': gig.revision - 1 },
              }),
        },
      },
      gig,
      events,
    );
  }

  delete(gig: Gig, events: readonly OutboxEvent[]): Promise<void> {
    return this.transact(
      {
        Delete: {
          TableName: this.tables.gigs,
          Key: { bandId: gig.bandId, gigId: gig.gigId },
          ConditionExpression: 'revision = :revision',
          ExpressionAttributeValues: { ':revision': gig.revision },
        },
      },
      gig,
      events,
    );
  }

  private async transact(write: TransactWriteItem, gig: Gig, events: readonly OutboxEvent[]): Promise<void> {
    try {
      await this.doc.send(
        new TransactWriteCommand({ TransactItems: [write, ...outboxPuts(this.tables.outbox, events)] }),
      );
    } catch (error) {
      if (failedConditions(error).includes(0)) {
        throw new GigWriteConflictError(`Gig ${gig.gigId} changed meanwhile: read it again`);
      }
      throw error;
    }
  }
}
