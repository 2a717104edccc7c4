import { randomUUID } from 'node:crypto';
import type { EventData, EventName } from '../../../shared/contracts/eventCatalog.ts';
import type { EventToPublish } from '../../../shared/runtime/index.ts';

/**
 * An event decided by a use case and written to the outbox in the same transaction as the state change it
 * announces. Its id and time are fixed up front, so every (re)publish carries the same `eventId` and
 * downstream idempotency drops the duplicates.
 */
export type OutboxEvent = EventToPublish & { readonly eventId: string; readonly occurredAt: string };

/** The chain options an outbox event keeps (the rest of the metadata is fixed by `eventId`/`occurredAt`). */
export interface OutboxEventOptions {
  readonly bandId?: string | undefined;
  readonly correlationId?: string | undefined;
}

/** Builds an outbox event with a fresh id. */
export const outboxEvent = <N extends EventName>(
  name: N,
  data: EventData<N>,
  options: OutboxEventOptions,
  now: Date,
): OutboxEvent => {
  const kept = {
    ...(options.bandId === undefined ? {} : { bandId: options.bandId }),
    ...(options.correlationId === undefined ? {} : { correlationId: options.correlationId }),
  };
  return { name, data, options: kept, eventId: randomUUID(), occurredAt: now.toISOString() } as OutboxEvent;
};

/** What the publisher is given for an outbox event: the stored id and time, so a re-publish is the same event. */
export const toPublishable = (event: OutboxEvent): EventToPublish =>
  ({
    name: event.name,
    data: event.data,
    options: { ...event.options, eventId: event.eventId, occurredAt: event.occurredAt },
  }) as EventToPublish;
