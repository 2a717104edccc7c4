import type { OutboxEvent } from '../domain/outboxEvent.ts';

/**
 * The auth module's transactional outbox (table `outbox`, key `eventId`). Items are written by the other
 * stores inside their state-change transactions; this store only reads what is left and deletes what was
 * published.
 */
export interface OutboxStore {
  /** Events that occurred before `cutoff` and are still waiting, oldest first, at most `limit`. */
  listWaiting(cutoff: Date, limit: number): Promise<OutboxEvent[]>;
  /** Removes published events (unknown ids are ignored). */
  deleteEvents(eventIds: readonly string[]): Promise<void>;
}
