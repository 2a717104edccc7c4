import { randomUUID } from 'node:crypto';
import type { EventData, EventName } from '../../contracts/eventCatalog.ts';
import type { PublishOptions } from '../events/buildEventDetail.ts';
import type { EventToPublish } from '../events/PublisherTypes.ts';
import { currentCause, currentCorrelationId } from '../observability/currentInvocation.ts';

/**
 * An event decided by a use case and written to the outbox in the same transaction as the state change it
 * announces. Its id, time and correlation id are fixed up front, so every (re)publish carries the same
 * metadata and downstream idempotency drops the duplicates.
 */
export type OutboxEvent = EventToPublish & { readonly eventId: string; readonly occurredAt: string };

/** The chain options an outbox event keeps; `eventId` and `occurredAt` are the event's own. */
export type OutboxEventOptions = Omit<PublishOptions, 'eventId' | 'occurredAt'>;

/**
 * Builds an outbox event with a fresh id. The correlation id (and the causation id and hop, when the
 * invocation reacts to an event) default to the running invocation's now, not at publish time: the drain
 * publishes from another invocation, and the chain must stay the request's.
 *
 * @example
 * ```ts
 * outboxEvent('auth.user_logged_out', { userId, sessionId, reason: 'logout' }, { correlationId }, now);
 * ```
 */
export const outboxEvent = <N extends EventName>(
  name: N,
  data: EventData<N>,
  options: OutboxEventOptions,
  now: Date,
): OutboxEvent => {
  const cause = currentCause();
  const chain: Record<string, unknown> = {
    ...options,
    correlationId: options.correlationId ?? currentCorrelationId(),
    // Kept with the item like the correlation id: the drain republishes from an invocation with no cause.
    causationId: options.causationId ?? cause?.eventId,
    hop: options.hop ?? (cause ? cause.hop + 1 : undefined),
  };
  const kept = Object.fromEntries(Object.entries(chain).filter(([, value]) => value !== undefined));
  return { name, data, options: kept, eventId: randomUUID(), occurredAt: now.toISOString() } as OutboxEvent;
};

/** An event to publish turned into an outbox event (fresh id, `now`); an id or time it names is ignored. */
export const toOutboxEvent = (event: EventToPublish, now: Date): OutboxEvent => {
  const { eventId: _id, occurredAt: _at, ...chain } = event.options ?? {};
  return outboxEvent(event.name, event.data as never, chain, now);
};

/** What the publisher is given for an outbox event: the stored id and time, so a re-publish is the same event. */
export const toPublishable = (event: OutboxEvent): EventToPublish =>
  ({
    name: event.name,
    data: event.data,
    options: { ...event.options, eventId: event.eventId, occurredAt: event.occurredAt },
  }) as EventToPublish;
