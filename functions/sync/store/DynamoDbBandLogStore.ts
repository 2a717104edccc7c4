import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { documentClient, failedConditions } from '../../../shared/runtime/index.ts';
import type { LogEntry } from '../domain/liveRecords.ts';
import type { AppendedEntry, BandLogStore } from './BandLogStore.ts';

/** The counter lives beside the log, at sequence 0, which no message takes. */
const COUNTER_SEQ = 0;
/** An event's claim on its sequence number, in a partition of its own (`EVENT#<eventId>`, seq 0). */
const claimKey = (eventId: string) => ({ bandId: `EVENT#${eventId}`, seq: COUNTER_SEQ });
/** Positions of the items in {@link DynamoDbBandLogStore.appendOnce}'s transaction. */
const CLAIM_ITEM = 0;
const COUNTER_ITEM = 1;
/**
 * Attempts at taking a number while other broadcasts to the band take theirs: each lost attempt means
 * another message was logged meanwhile, so the band is busy, not stuck. Past this the relay fails and its
 * event is delivered again, with nothing written.
 */
const MAX_APPEND_ATTEMPTS = 25;
/** Longest pause between two attempts (random up to it, doubling from 10 ms): contenders spread out. */
const MAX_APPEND_PAUSE_MS = 200;

/** Why DynamoDB cancelled each item of a transaction (`None` for those that were not the cause). */
const cancellationCodes = (error: unknown): string[] =>
  (error as { name?: unknown }).name === 'TransactionCanceledException'
    ? ((error as { CancellationReasons?: ({ Code?: string } | null)[] }).CancellationReasons ?? []).map(
        (r) => r?.Code ?? 'None',
      )
    : [];

/**
 * The counter's value when its condition refused our guess: DynamoDB returns the item with the cancellation
 * (`ReturnValuesOnConditionCheckFailure`), still in its wire form (the document client leaves errors alone).
 * Undefined when the counter did not refuse, or does not exist yet.
 */
const counterSeen = (error: unknown): number | undefined => {
  const reasons = (error as { CancellationReasons?: ({ Code?: string; Item?: unknown } | null)[] })
    .CancellationReasons;
  const reason = reasons?.[COUNTER_ITEM];
  if (reason?.Code !== 'ConditionalCheckFailed') return undefined;
  const lastSeq = (reason.Item as { lastSeq?: { N?: string } } | undefined)?.lastSeq?.N;
  const seen = lastSeq === undefined ? Number.NaN : Number(lastSeq);
  return Number.isSafeInteger(seen) ? seen : undefined;
};

/** A cancelled append that another writer to the band caused, and that the next number will get past. */
const lostTheRace = (error: unknown): boolean => {
  const codes = cancellationCodes(error);
  return (
    codes.some((c) => c !== 'None') &&
    codes.every((c) => c === 'None' || c === 'ConditionalCheckFailed' || c === 'TransactionConflict')
  );
};

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * A band's log in one partition (`bandId`, `seq`): the counter item at seq 0 (no TTL) and one item per
 * message, removed by DynamoDB's TTL once past the window (readers also skip expired ones themselves, as the
 * TTL sweep runs late). Beside them, one claim per relayed event (`EVENT#<eventId>`) holding the number it
 * took, expiring with its entry.
 */
export class DynamoDbBandLogStore implements BandLogStore {
  private readonly doc: DynamoDBDocumentClient;
  /**
   * The last number this container wrote per band: the next append tries the one after it without reading
   * the counter first (one round trip, not two, while this container is the band's only relay). A guess
   * only: the counter's condition refuses a stale one, and the counter is read then.
   */
  private readonly lastWritten = new Map<string, number>();

  constructor(
    client: DynamoDBClient,
    private readonly table: string,
  ) {
    this.doc = documentClient(client);
  }

  async appendOnce(
    bandId: string,
    eventId: string,
    entryAt: (seq: number) => LogEntry,
  ): Promise<AppendedEntry> {
    for (let attempt = 1; ; attempt++) {
      const last = this.lastWritten.get(bandId) ?? (await this.lastSeq(bandId));
      const entry = entryAt(last + 1);
      try {
        await this.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.table,
                  Item: {
                    ...claimKey(eventId),
                    band: bandId,
                    claimedSeq: entry.seq,
                    expiresAt: entry.expiresAt,
                  },
                  ConditionExpression: 'attribute_not_exists(bandId)',
                },
              },
              {
                Update: {
                  TableName: this.table,
                  Key: { bandId, seq: COUNTER_SEQ },
                  UpdateExpression: 'SET lastSeq = :next',
                  ConditionExpression:
                    last === 0 ? 'attribute_not_exists(lastSeq) OR lastSeq = :last' : 'lastSeq = :last',
                  ExpressionAttributeValues: { ':next': entry.seq, ':last': last },
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              {
                Put: {
                  TableName: this.table,
                  Item: {
                    bandId,
                    seq: entry.seq,
                    eventId,
                    message: JSON.stringify(entry.message),
                    audience: JSON.stringify(entry.audience),
                    expiresAt: entry.expiresAt,
                  },
                  ConditionExpression: 'attribute_not_exists(seq)',
                },
              },
            ],
          }),
        );
        this.lastWritten.set(bandId, entry.seq);
        return { seq: entry.seq, fresh: true };
      } catch (error) {
        if (failedConditions(error).includes(CLAIM_ITEM))
          return { seq: await this.claimedSeq(eventId), fresh: false };
        // Another broadcast took the number (the counter's condition) or wrote while we did
        // (TransactionConflict): read the counter and try the next one. Any other refusal is no race.
        if (!lostTheRace(error) || attempt >= MAX_APPEND_ATTEMPTS) throw error;
        // A guess the counter refused (another container logged meanwhile, the usual case when two relays
        // share a band) came back with the counter's value: the next number is tried at once, without reading
        // it or pausing. Only writers colliding in flight (TransactionConflict) spread out.
        const seen = counterSeen(error);
        if (seen !== undefined && seen !== last) {
          this.lastWritten.set(bandId, seen);
          continue;
        }
        this.lastWritten.delete(bandId);
        await pause(Math.random() * Math.min(MAX_APPEND_PAUSE_MS, 5 * 2 ** attempt));
      }
    }
  }

  private async claimedSeq(eventId: string): Promise<number> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: claimKey(eventId), ConsistentRead: true }),
    );
    return Item?.claimedSeq as number;
  }

  async lastSeq(bandId: string): Promise<number> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: { bandId, seq: COUNTER_SEQ }, ConsistentRead: true }),
    );
    return (Item?.lastSeq as number | undefined) ?? 0;
  }

  async entriesAfter(bandId: string, afterSeq: number, limit: number): Promise<LogEntry[]> {
    const entries: LogEntry[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'bandId = :b AND seq > :after',
          ExpressionAttributeValues: { ':b': bandId, ':after': Math.max(afterSeq, COUNTER_SEQ) },
          ConsistentRead: true,
          Limit: limit - entries.length,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        entries.push({
          bandId,
          seq: item.seq as number,
          message: JSON.parse(item.message as string),
          audience: JSON.parse(item.audience as string),
          expiresAt: item.expiresAt as number,
        });
      }
      start = page.LastEvaluatedKey;
    } while (start && entries.length < limit);
    return entries;
  }
}
