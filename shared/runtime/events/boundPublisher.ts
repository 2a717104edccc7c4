import type { EventMetadata } from '../../contracts/eventEnvelope.ts';
import type { PublishOptions } from './buildEventDetail.ts';
import { derivedEventId } from './derivedEventId.ts';
import type { EventToPublish, Publisher } from './PublisherTypes.ts';

/** What a subscriber may still choose when publishing in reaction to an event. */
export type ReactionOptions = Pick<PublishOptions, 'bandId' | 'eventId' | 'occurredAt'>;

/**
 * A publisher bound to the event being handled: whatever it publishes is caused by that event (causation =
 * its id), shares its correlation id, is one hop further, and concerns the band its data names — else the
 * trigger's. Event ids derive from the trigger, the reacting function and the order of publication, so a
 * retried handler re-publishes the same ids and downstream subscribers skip the repeats.
 */
export const bindPublisher = (publisher: Publisher, trigger: EventMetadata, reactor: string): Publisher => {
  let published = 0;
  const chained = (name: string, options: ReactionOptions | undefined): PublishOptions => ({
    ...options,
    inheritedBandId: trigger.bandId,
    correlationId: trigger.correlationId,
    causationId: trigger.eventId,
    hop: trigger.hop + 1,
    eventId: options?.eventId ?? derivedEventId(`${trigger.eventId}|${reactor}|${name}|${published++}`),
  });
  return {
    publish: (name, data, options) => publisher.publish(name, data, chained(name, options)),
    publishAll: (events) =>
      publisher.publishAll(
        events.map((event) => ({ ...event, options: chained(event.name, event.options) }) as EventToPublish),
      ),
  };
};
