import type { EventMetadata } from '../../contracts/eventEnvelope.ts';
import type { PublishOptions } from './buildEventDetail.ts';
import type { EventToPublish, Publisher } from './PublisherTypes.ts';

/** What a subscriber may still choose when publishing in reaction to an event. */
export type ReactionOptions = Pick<PublishOptions, 'bandId' | 'eventId' | 'occurredAt'>;

const chained = (trigger: EventMetadata, options: ReactionOptions | undefined): PublishOptions => ({
  ...options,
  bandId: options?.bandId ?? trigger.bandId,
  correlationId: trigger.correlationId,
  causationId: trigger.eventId,
  hop: trigger.hop + 1,
});

/**
 * A publisher bound to the event being handled: whatever it publishes is caused by that event (causation =
 * its id), shares its correlation id, is one hop further, and concerns the same band unless told otherwise.
 */
export const bindPublisher = (publisher: Publisher, trigger: EventMetadata): Publisher => ({
  publish: (name, data, options) => publisher.publish(name, data, chained(trigger, options)),
  publishAll: (events) =>
    publisher.publishAll(
      events.map((event) => ({ ...event, options: chained(trigger, event.options) }) as EventToPublish),
    ),
});
