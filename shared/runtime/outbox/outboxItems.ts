import type { OutboxEvent } from './OutboxEvent.ts';
import { OUTBOX_RETENTION_SECONDS } from './outboxConstants.ts';

/** One write of a `TransactWriteCommand` (the document client's shape). */
export interface TransactPut {
  readonly Put: { TableName: string; Item: Record<string, unknown>; ConditionExpression: string };
}

/**
 * The transaction items that put events into the outbox: a store appends them to the transaction of the
 * state change, so the change and its announcement commit or fail together.
 *
 * @example
 * ```ts
 * new TransactWriteCommand({ TransactItems: [statePut, ...outboxPuts(this.tables.outbox, events)] });
 * ```
 */
export const outboxPuts = (tableName: string, events: readonly OutboxEvent[]): TransactPut[] =>
  events.map((event) => ({
    Put: {
      TableName: tableName,
      Item: {
        eventId: event.eventId,
        name: event.name,
        data: event.data,
        options: event.options ?? {},
        occurredAt: event.occurredAt,
        // A poison item (one that never publishes) must not stay forever: the table's TTL removes it.
        expiresAt: Math.floor(Date.parse(event.occurredAt) / 1000) + OUTBOX_RETENTION_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(eventId)',
    },
  }));

/** Reads an outbox item back into the event it holds. */
export const outboxEventFromItem = (item: Record<string, unknown>): OutboxEvent =>
  ({
    eventId: item.eventId as string,
    name: item.name as string,
    data: item.data,
    options: (item.options as Record<string, unknown> | undefined) ?? {},
    occurredAt: item.occurredAt as string,
  }) as OutboxEvent;
