import type { EventData, EventName } from '../../contracts/eventCatalog.ts';
import type { PublishOptions } from './buildEventDetail.ts';

/** One event to publish with {@link Publisher.publishAll}: name, typed data, chain options. */
export type EventToPublish = {
  [N in EventName]: { readonly name: N; readonly data: EventData<N>; readonly options?: PublishOptions };
}[EventName];

/** Publishes the module's own events to the bus. Each method resolves with the event ids, in order. */
export interface Publisher {
  publish<N extends EventName>(name: N, data: EventData<N>, options?: PublishOptions): Promise<string>;
  publishAll(events: readonly EventToPublish[]): Promise<string[]>;
}
