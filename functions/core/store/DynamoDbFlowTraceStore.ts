import { type DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { EventMetadata } from '../../../shared/contracts/eventEnvelope.ts';
import { ReactionReport } from '../../../shared/contracts/flowTrace.ts';
import { batchWriteAll } from '../../../shared/runtime/index.ts';
import {
  FLOW_TRACE_RETENTION_SECONDS,
  type FlowRecords,
  MAX_FLOW_ITEMS,
  type TracedEvent,
  type TracedReaction,
} from '../domain/flowTrace.ts';
import type { FlowTraceStore } from './FlowTraceStore.ts';

const EVENT_PREFIX = 'event#';
const REACTION_PREFIX = 'reaction#';

const StoredEvent = z.object({
  eventId: EventMetadata.shape.eventId,
  name: z.string(),
  source: z.string(),
  producer: z.string(),
  correlationId: z.string(),
  causationId: z.string().nullable(),
  hop: z.number(),
  occurredAt: z.string(),
  bandId: z.string().optional(),
  userId: z.string().optional(),
});

const expiresAt = (now: number): number => Math.floor(now / 1000) + FLOW_TRACE_RETENTION_SECONDS;

/**
 * The trace in DynamoDB: one partition per correlation id (a flow is read with one query), events keyed by
 * id (a redelivered event overwrites itself), reactions by event, function and start (every attempt kept).
 * The table's TTL removes items after a week.
 */
export class DynamoDbFlowTraceStore implements FlowTraceStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => number = Date.now,
  ) {}

  async putEvents(events: readonly TracedEvent[]): Promise<void> {
    const ttl = expiresAt(this.now());
    await batchWriteAll(
      this.client,
      this.tableName,
      uniqueBy(events, (e) => `${e.correlationId}|${e.eventId}`).map((event) => ({
        PutRequest: { Item: { ...event, key: `${EVENT_PREFIX}${event.eventId}`, expiresAt: ttl } },
      })),
    );
  }

  async putReactions(reactions: readonly TracedReaction[]): Promise<void> {
    const ttl = expiresAt(this.now());
    const keyOf = (r: TracedReaction) => `${REACTION_PREFIX}${r.eventId}#${r.functionId}#${r.startedAt}`;
    await batchWriteAll(
      this.client,
      this.tableName,
      uniqueBy(reactions, (r) => `${r.correlationId}|${keyOf(r)}`).map((reaction) => ({
        PutRequest: { Item: { ...reaction, key: keyOf(reaction), expiresAt: ttl } },
      })),
    );
  }

  async flow(correlationId: string): Promise<FlowRecords> {
    const events: TracedEvent[] = [];
    const reactions: TracedReaction[] = [];
    let read = 0;
    let truncated = false;
    const pages = paginateQuery(
      { client: this.client, pageSize: 500 },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'correlationId = :c',
        ExpressionAttributeValues: { ':c': correlationId },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        if (read >= MAX_FLOW_ITEMS) {
          truncated = true;
          break;
        }
        read++;
        const key = String(item.key);
        // Parsed, so an item of an older shape is skipped rather than breaking the answer.
        if (key.startsWith(EVENT_PREFIX)) {
          const parsed = StoredEvent.safeParse(item);
          if (parsed.success)
            events.push({ ...parsed.data, bandId: parsed.data.bandId, userId: parsed.data.userId });
        } else if (key.startsWith(REACTION_PREFIX)) {
          const { key: _key, expiresAt: _ttl, ...reaction } = item;
          const parsed = ReactionReport.safeParse(reaction);
          if (parsed.success) reactions.push(parsed.data);
        }
      }
      if (truncated) break;
    }
    return { events, reactions, truncated };
  }
}

// BatchWriteItem refuses two requests for one key in a batch: a batch redelivering an event holds both.
const uniqueBy = <T>(items: readonly T[], key: (item: T) => string): T[] => [
  ...new Map(items.map((item) => [key(item), item])).values(),
];
