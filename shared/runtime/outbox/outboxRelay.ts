import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Publisher } from '../events/PublisherTypes.ts';
import { type OutboxEvent, toPublishable } from './OutboxEvent.ts';
import type { OutboxStore } from './OutboxStore.ts';
import {
  OUTBOX_DRAIN_AFTER_MS,
  OUTBOX_DRAIN_BATCH,
  OUTBOX_PUBLISH_FAILED_METRIC,
  OUTBOX_REPUBLISHED_METRIC,
} from './outboxConstants.ts';

/** What the relay works with; `createOutbox` wires the module's own, tests pass fakes. */
export interface OutboxRelayDependencies {
  readonly store: OutboxStore;
  readonly publisher: Publisher;
  /** Where a failure that must not fail the request is told (the module's Powertools logger). */
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** The module's Powertools metrics (flushed by the handler kit that runs the relay). */
  readonly metrics: Pick<Metrics, 'addMetric'>;
  readonly now: () => Date;
}

const errorDetail = (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) });

/**
 * Publishes events whose state change has committed, then removes them from the outbox. Never throws: the
 * change happened and the client must get its answer; what failed stays in the outbox for
 * {@link drainOutbox}, logged and counted.
 */
export const publishCommitted = async (
  deps: OutboxRelayDependencies,
  events: readonly OutboxEvent[],
): Promise<void> => {
  if (events.length === 0) return;
  try {
    await deps.publisher.publishAll(events.map(toPublishable));
  } catch (error) {
    deps.logger.warn('Committed events not published; the outbox drain will publish them', {
      ...errorDetail(error),
      eventIds: events.map((e) => e.eventId),
    });
    deps.metrics.addMetric(OUTBOX_PUBLISH_FAILED_METRIC, 'Count', events.length);
    return;
  }
  try {
    await deps.store.deleteEvents(events.map((e) => e.eventId));
  } catch (error) {
    // Harmless: the drain publishes them again under the same ids, which subscribers drop as duplicates.
    deps.logger.warn('Published events left in the outbox', errorDetail(error));
  }
};

/** What one drain run did. */
export interface DrainReport {
  readonly published: number;
  readonly failed: number;
}

/**
 * Republishes outbox events older than `OUTBOX_DRAIN_AFTER_MS` (younger ones are still in their request's
 * hands) with their stored ids, and deletes each one published. One at a time, so a poison event cannot hold
 * the others back; it stays until the table's TTL drops it, logged and counted on every run.
 */
export const drainOutbox = async (deps: OutboxRelayDependencies): Promise<DrainReport> => {
  const cutoff = new Date(deps.now().getTime() - OUTBOX_DRAIN_AFTER_MS);
  const waiting = await deps.store.listWaiting(cutoff, OUTBOX_DRAIN_BATCH);
  const published: string[] = [];
  let failed = 0;
  for (const event of waiting) {
    try {
      await deps.publisher.publishAll([toPublishable(event)]);
      published.push(event.eventId);
    } catch (error) {
      failed++;
      deps.logger.error('Outbox event could not be republished', {
        ...errorDetail(error),
        eventId: event.eventId,
        name: event.name,
      });
    }
  }
  await deps.store.deleteEvents(published);
  if (published.length > 0) deps.metrics.addMetric(OUTBOX_REPUBLISHED_METRIC, 'Count', published.length);
  if (failed > 0) deps.metrics.addMetric(OUTBOX_PUBLISH_FAILED_METRIC, 'Count', failed);
  return { published: published.length, failed };
};
