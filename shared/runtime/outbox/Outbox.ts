import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EventToPublish, Publisher } from '../events/PublisherTypes.ts';
import { publishableDetail } from '../events/publishableDetail.ts';
import { createPublisher } from '../events/publisher.ts';
import { createLogger } from '../observability/logger.ts';
import { createMetrics } from '../observability/metrics.ts';
import { runtimeConfig } from '../runtimeConfig.ts';
import { storageClient } from '../storage/storageClient.ts';
import { DynamoDbOutboxStore } from './DynamoDbOutboxStore.ts';
import { type OutboxEvent, toOutboxEvent, toPublishable } from './OutboxEvent.ts';
import type { OutboxStore } from './OutboxStore.ts';
import {
  type DrainReport,
  drainOutbox,
  type OutboxRelayDependencies,
  publishCommitted,
} from './outboxRelay.ts';

/** A module's transactional outbox, as its use cases see it. */
export interface Outbox {
  /**
   * Commits a state change and the events announcing it in one DynamoDB transaction, then publishes them.
   * Gives each event a fresh id and time (and the invocation's correlation id unless it names one) and hands
   * them to `write`, which must put them into its transaction with `outboxPuts` (a store method). Once
   * `write` resolves the events are published and removed from the outbox; a bus failure does not fail the
   * call (the drain publishes them later, same ids). Resolves to what `write` resolved to.
   *
   * `write` throwing commits nothing: the error propagates and nothing is published. `write` resolving to
   * `false` means it committed nothing either (a store's conditional no-op, e.g. "already a member"):
   * nothing is published.
   *
   * @example
   * ```ts
   * await deps.outbox.commit(
   *   [{ name: 'dashboard.preference_changed', data, options: { correlationId } }],
   *   (events) => deps.preferences.save(preferences, events),
   * );
   * ```
   */
  commit<T>(
    events: readonly EventToPublish[],
    write: (events: readonly OutboxEvent[]) => Promise<T>,
  ): Promise<T>;
  /** Republishes what requests committed but could not publish (the drain schedule's work). */
  drain(): Promise<DrainReport>;
}

/** How an outbox is wired; every field has a production default read from the environment. */
export interface OutboxOptions {
  /** @default env SOLEIL_MODULE */
  readonly module?: string;
  /** @default the DynamoDB outbox on env SOLEIL_TABLE_OUTBOX */
  readonly store?: OutboxStore;
  /** The client of the default store. @default a new DynamoDBClient */
  readonly client?: DynamoDBClient;
  /** @default the module's publisher */
  readonly publisher?: Publisher;
  readonly logger?: OutboxRelayDependencies['logger'];
  readonly metrics?: OutboxRelayDependencies['metrics'];
  /** @default the system clock */
  readonly now?: () => Date;
}

/** A `write` that resolved to `false` committed nothing, so there is nothing to announce. */
const committedNothing = (result: unknown): boolean => result === false;

/**
 * The outbox of `module` over its relay dependencies. Events are checked against their contracts (owner,
 * data, band scope) before anything is written: an event that could never publish fails the request instead
 * of committing a change announced by an event that would sit in the outbox until its TTL.
 */
export const outboxOver = (module: string, deps: OutboxRelayDependencies): Outbox => ({
  commit: async (events, write) => {
    const now = deps.now();
    const built = events.map((event) => toOutboxEvent(event, now));
    for (const event of built) publishableDetail(module, toPublishable(event));
    const result = await write(built);
    if (!committedNothing(result)) await publishCommitted(deps, built);
    return result;
  },
  drain: () => drainOutbox(deps),
});

/**
 * The module's outbox: its `outbox` table (the platform creates it for a manifest with `outbox: true`), its
 * publisher, logger and metrics. Build it once per container (the dependency container does).
 *
 * @example
 * ```ts
 * const deps = dependencyContainer({ outbox: () => createOutbox(), ... });
 * ```
 */
export const createOutbox = (options: OutboxOptions = {}): Outbox => {
  const module = options.module ?? runtimeConfig.module();
  return outboxOver(module, {
    store:
      options.store ??
      new DynamoDbOutboxStore(options.client ?? storageClient(), runtimeConfig.outboxTable()),
    publisher: options.publisher ?? createPublisher({ module }),
    logger: options.logger ?? createLogger(module),
    metrics: options.metrics ?? createMetrics(module),
    now: options.now ?? (() => new Date()),
  });
};
