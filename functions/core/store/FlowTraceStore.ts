import type { FlowRecords, TracedEvent, TracedReaction } from '../domain/flowTrace.ts';

/** Where core keeps the flow trace: events and reactions by correlation id, each for a week. */
export interface FlowTraceStore {
  /** Records events (a repeat of one overwrites it with the same content). */
  putEvents(events: readonly TracedEvent[]): Promise<void>;
  /** Records reactions: each attempt of a subscriber is kept, so retries show. */
  putReactions(reactions: readonly TracedReaction[]): Promise<void>;
  /** Everything recorded under a correlation id, up to a bound. */
  flow(correlationId: string): Promise<FlowRecords>;
}
