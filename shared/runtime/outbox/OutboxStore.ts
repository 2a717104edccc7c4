import type { OutboxEvent } from './OutboxEvent.ts';

/**
 * A module's transactional outbox (its `outbox` table, key `eventId`). Items are written by the module's
 * stores inside their state-change transactions (`outboxPuts`); this store only reads what is left and
 * deletes what was published.
 */
export interface OutboxStore {
  /** Events that occurred before `cutoff` and are still waiting, oldest first, at most `limit`. */
  listWaiting(cutoff: Date, limit: number): Promise<OutboxEvent[]>;
  /** Removes published events (unknown ids are ignored). */
  deleteEvents(eventIds: readonly string[]): Promise<void>;
}
