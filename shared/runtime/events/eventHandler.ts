import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { EventData, EventName } from '../../contracts/eventCatalog.ts';
import type { EventMetadata } from '../../contracts/eventEnvelope.ts';
import type { ReactionReport } from '../../contracts/flowTrace.ts';
import { EventValidationError } from '../errors/eventErrors.ts';
import {
  setCurrentCause,
  setCurrentCorrelationId,
  takeServiceCalls,
  takeStorageCalls,
} from '../observability/currentInvocation.ts';
import { createLogger } from '../observability/logger.ts';
import { createMetrics } from '../observability/metrics.ts';
import { observabilityMiddleware } from '../observability/observabilityMiddleware.ts';
import { runtimeConfig } from '../runtimeConfig.ts';
import { bindPublisher } from './boundPublisher.ts';
import type { Publisher } from './PublisherTypes.ts';
import {
  type EventBridgeEventLike,
  type ParsedPlatformEvent,
  parseEventBridgeEvent,
} from './parseEventBridgeEvent.ts';
import { createPublisher } from './publisher.ts';
import { defaultReactionReporter, type ReactionReporter } from './reactionReporter.ts';
import {
  eventOfRecord,
  isSqsBatch,
  queueTimesOf,
  type SqsBatchLike,
  type SqsBatchResponse,
  type SqsRecordLike,
} from './sqsBatch.ts';

/** What `handle` receives: one of the subscribed events, its data typed by name. */
export type ReceivedEvent<N extends EventName> = {
  [K in N]: {
    readonly name: K;
    readonly data: EventData<K>;
    readonly metadata: EventMetadata;
    /** Publishes events caused by this one (causation, correlation, hop and band set for you). */
    readonly publish: Publisher['publish'];
    readonly publishAll: Publisher['publishAll'];
    readonly logger: Logger;
    readonly metrics: Metrics;
  };
}[N];

/** What `coalesceBy` reads of an event: its name, data (typed by name) and metadata. */
export type CoalescedEvent<N extends EventName> = {
  [K in N]: { readonly name: K; readonly data: EventData<K>; readonly metadata: EventMetadata };
}[N];

/**
 * Runs a reaction's work so that a repeated delivery of its event is harmless; `duplicate` when the work was
 * skipped as already done. The kit's: `onceByEventId()` (`./onceByEventId.ts`).
 */
export type RepeatGuard = (reaction: {
  /** Whose work this is: `<module>#<function>`. */
  readonly scope: string;
  readonly eventId: string;
  readonly context: Context | undefined;
  readonly work: () => Promise<void>;
}) => Promise<{ readonly duplicate: boolean }>;

/** How a subscriber is declared. Production defaults for everything but `events`, `handle` and `repeats`. */
export interface EventHandlerOptions<N extends EventName> {
  /** The events this function is subscribed to; anything else is refused as misrouted. */
  readonly events: readonly N[];
  readonly handle: (event: ReceivedEvent<N>) => Promise<void>;
  /** @default env SOLEIL_MODULE */
  readonly module?: string;
  /** @default the module's publisher (env SOLEIL_EVENT_BUS_NAME) */
  readonly publisher?: Publisher;
  /**
   * Who makes a repeated delivery harmless, said by every subscriber. `onceByEventId()` (import it from
   * `shared/runtime/events/onceByEventId.ts`): the kit's idempotency record runs `handle` once per platform
   * event id, at the cost of two DynamoDB requests per event before and after it. `'handler'`: `handle` is safe
   * to run again by itself — it claims the event in its own write, and what it publishes has ids derived from
   * the event — so the kit keeps no record: for a subscriber on a live path (sync's relay), where those two
   * requests were a third of its time. The record's code (Powertools idempotency, ~25 KB minified that esbuild
   * cannot drop) is bundled only into the functions that import `onceByEventId`, not into every function that
   * imports the kit.
   */
  readonly repeats: 'handler' | RepeatGuard;
  /**
   * Events of one SQS batch that stand for the same thing — the same key — are handled once: the newest (by
   * `occurredAt`, then by its place in the batch) runs `handle`, the older ones are acknowledged unhandled and
   * reported to the trace as `superseded`. For events whose newest says all that the older ones did ("widget W
   * of user U was recomputed"), on a subscription whose batching window gathers a burst of them. A record that
   * cannot be read is never coalesced: it fails as it would alone.
   * @default every event handled
   */
  readonly coalesceBy?: (event: CoalescedEvent<N>) => string;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  /**
   * Where each handled event's reaction (outcome, timing, service calls) is reported.
   * @default core's trace service when the module may call it (see {@link defaultReactionReporter}), else none
   */
  readonly reactionReporter?: ReactionReporter | null;
}

/** Metrics the kit records per delivery: handled once, or skipped as a duplicate. */
export const EVENTS_HANDLED_METRIC = 'EventsHandled';
export const DUPLICATE_EVENTS_METRIC = 'DuplicateEventsSkipped';
/** Events left unhandled for a newer one of their batch with the same `coalesceBy` key. */
export const SUPERSEDED_EVENTS_METRIC = 'SupersededEventsSkipped';

/** What a subscriber receives: an EventBridge event (direct rule target) or an SQS batch of them. */
export type SubscriberEvent = EventBridgeEventLike | SqsBatchLike;

/**
 * The Lambda handler eventHandler returns: for an SQS batch it resolves to the failed records (so only those
 * return to the queue); for a single EventBridge event it resolves to nothing or throws.
 */
export type EventLambdaHandler = {
  (event: SqsBatchLike, context: Context): Promise<SqsBatchResponse>;
  (event: EventBridgeEventLike, context: Context): Promise<void>;
  (event: SubscriberEvent, context: Context): Promise<SqsBatchResponse | undefined>;
};

/**
 * The function a reaction is reported and deduplicated under: the model's function id, which survives a
 * redeploy that renames the Lambda, else the Lambda's name.
 */
const functionIdOf = (context: Context | undefined): string =>
  runtimeConfig.functionName() ?? (context?.functionName || undefined) ?? 'events';

const correlationIdOfEvent = (event: EventBridgeEventLike): string => {
  const metadata = (event?.detail as { metadata?: { correlationId?: unknown } } | undefined)?.metadata;
  if (typeof metadata?.correlationId === 'string' && metadata.correlationId.length <= 128) {
    return metadata.correlationId;
  }
  return typeof event?.id === 'string' ? event.id : 'unknown';
};

const correlationIdOfRecord = (record: SqsRecordLike): string => {
  try {
    return correlationIdOfEvent(eventOfRecord(record));
  } catch {
    return record.messageId;
  }
};

const correlationIdOf = (event: SubscriberEvent): string => {
  if (!isSqsBatch(event)) return correlationIdOfEvent(event);
  const [first] = event.Records;
  return first ? correlationIdOfRecord(first) : 'unknown';
};

/**
 * Turns an event subscriber into a Lambda handler for its subscription's SQS queue (the rule's target): each
 * record's body is an EventBridge event, validated (source, envelope, data against the contract) and handled
 * once per platform event id, with a publisher bound to the event. A record that fails — invalid included
 * ({@link EventValidationError}) — is reported in `batchItemFailures`, so the queue receives it again and,
 * after the subscription's `maxRetries`, moves it to its dead-letter queue; the others are done. A bare
 * EventBridge event (a direct invocation) is handled the same way, but a failure throws.
 *
 * @example
 * ```ts
 * export const handler = eventHandler({
 *   events: ['drive.file_changed'],
 *   repeats: onceByEventId(), // from './onceByEventId.ts'
 *   handle: async ({ data, publish }) => { await publish('content.updated', classify(data)); },
 * });
 * ```
 */
export const eventHandler = <N extends EventName>(options: EventHandlerOptions<N>): EventLambdaHandler => {
  const module = options.module ?? runtimeConfig.moduleOr('unknown');
  const logger = options.logger ?? createLogger(module);
  const metrics = options.metrics ?? createMetrics(module);
  const subscribed = new Set<string>(options.events);
  let publisher = options.publisher;
  let reporter = options.reactionReporter;

  /** What the trace learns of one record: filled as far as the handling got. */
  interface Reaction {
    metadata?: EventMetadata;
    name?: string;
    functionId?: string;
    duplicate?: boolean;
  }

  /** Handles `event`, or the event already read from it (`read`, when the batch was coalesced). */
  const handleOne = async (
    event: () => EventBridgeEventLike,
    context: Context,
    reaction: Reaction,
    read?: ParsedPlatformEvent,
  ): Promise<void> => {
    const parsed = read ?? parseEventBridgeEvent(event());
    reaction.metadata = parsed.metadata;
    reaction.name = parsed.name;
    if (!subscribed.has(parsed.name)) {
      throw new EventValidationError(
        `This function handles ${[...subscribed].join(', ')}, not ${parsed.name}: check the rule's pattern`,
        { eventName: parsed.name },
      );
    }
    publisher ??= createPublisher({ module: runtimeConfig.module() });
    // Scoped per function: two subscribers of one module to the same event must each run once; a retried event
    // is still recognised after a redeploy that renames the Lambda (see functionIdOf).
    const functionName = functionIdOf(context);
    reaction.functionId = functionName;
    // Whatever this reaction publishes or commits, directly or through a service it calls, is caused by it.
    setCurrentCause({ eventId: parsed.metadata.eventId, hop: parsed.metadata.hop });
    const bound = bindPublisher(publisher, parsed.metadata, `${module}#${functionName}`);
    const work = () =>
      options.handle({
        name: parsed.name,
        data: parsed.data,
        metadata: parsed.metadata,
        publish: bound.publish,
        publishAll: bound.publishAll,
        logger,
        metrics,
      } as ReceivedEvent<N>);
    if (options.repeats === 'handler') {
      await work();
      metrics.addMetric(EVENTS_HANDLED_METRIC, MetricUnit.Count, 1);
      return;
    }
    const { duplicate } = await options.repeats({
      scope: `${module}#${functionName}`,
      eventId: parsed.metadata.eventId,
      context,
      work,
    });
    reaction.duplicate = duplicate;
    if (duplicate) {
      logger.info('duplicate delivery skipped', { eventId: parsed.metadata.eventId });
      metrics.addMetric(DUPLICATE_EVENTS_METRIC, MetricUnit.Count, 1);
    } else {
      metrics.addMetric(EVENTS_HANDLED_METRIC, MetricUnit.Count, 1);
    }
  };

  const logFailure = (error: Error, extra: Record<string, unknown> = {}): void => {
    if (error instanceof EventValidationError) {
      logger.error('invalid event refused', {
        error,
        issues: error.issues,
        eventName: error.eventName,
        ...extra,
      });
    } else {
      logger.error('event handling failed', { error, ...extra });
    }
  };

  /** Handles one event and says how it went, for the trace (an event too broken to name is not traced). */
  const react = async (
    event: () => EventBridgeEventLike,
    context: Context,
    queueTimes: { queuedAt?: string; receivedAt?: string } = {},
    read?: ParsedPlatformEvent,
  ): Promise<{ report: ReactionReport | undefined; error: Error | undefined }> => {
    const reaction: Reaction = {};
    const startedAt = new Date();
    takeServiceCalls();
    takeStorageCalls();
    let error: Error | undefined;
    try {
      await handleOne(event, context, reaction, read);
    } catch (caught) {
      error = caught as Error;
    } finally {
      setCurrentCause(undefined);
    }
    const calls = takeServiceCalls();
    const storage = takeStorageCalls();
    if (!reaction.metadata || !reaction.name) return { report: undefined, error };
    const report: ReactionReport = {
      eventId: reaction.metadata.eventId,
      eventName: reaction.name,
      correlationId: reaction.metadata.correlationId,
      module,
      functionId: reaction.functionId ?? functionIdOf(context),
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      ...queueTimes,
      storage: { calls: storage.calls, durationMs: Math.round(storage.durationMs * 10) / 10 },
      outcome: error ? 'failed' : reaction.duplicate ? 'duplicate' : 'ok',
      ...(error ? { error: (error.name || 'Error').slice(0, 100) } : {}),
      calls,
    };
    return { report, error };
  };

  const reportReactions = async (reports: readonly (ReactionReport | undefined)[]): Promise<void> => {
    if (reporter === undefined) reporter = defaultReactionReporter(module, logger) ?? null;
    const known = reports.filter((r): r is ReactionReport => r !== undefined);
    try {
      if (reporter && known.length > 0) await reporter.report(known);
    } catch (error) {
      // The trace observes; its failure must never send the batch's records back to the queue.
      logger.warn('reactions not reported', { error: error as Error });
    }
    takeServiceCalls();
  };

  /**
   * With `coalesceBy`: each record read once, and for each key the newest one's event; the others are left
   * out (`superseded`). Without it, or for a record that cannot be read, nothing: it is handled as it comes.
   */
  const coalesce = (
    records: readonly SqsRecordLike[],
  ): { readonly handled: Map<number, ParsedPlatformEvent>; readonly superseded: Set<number> } => {
    const handled = new Map<number, ParsedPlatformEvent>();
    const superseded = new Set<number>();
    const keyOf = options.coalesceBy;
    if (!keyOf || records.length < 2) return { handled, superseded };
    const newest = new Map<string, { index: number; at: number }>();
    records.forEach((record, index) => {
      let parsed: ParsedPlatformEvent;
      try {
        parsed = parseEventBridgeEvent(eventOfRecord(record));
      } catch {
        return;
      }
      if (!subscribed.has(parsed.name)) return;
      handled.set(index, parsed);
      const key = keyOf({
        name: parsed.name,
        data: parsed.data,
        metadata: parsed.metadata,
      } as CoalescedEvent<N>);
      const at = Date.parse(parsed.metadata.occurredAt);
      const held = newest.get(key);
      if (held === undefined) newest.set(key, { index, at });
      else if (at >= held.at) {
        superseded.add(held.index);
        newest.set(key, { index, at });
      } else superseded.add(index);
    });
    return { handled, superseded };
  };

  const supersededReport = (
    parsed: ParsedPlatformEvent,
    record: SqsRecordLike,
    context: Context,
  ): ReactionReport => ({
    eventId: parsed.metadata.eventId,
    eventName: parsed.name,
    correlationId: parsed.metadata.correlationId,
    module,
    functionId: functionIdOf(context),
    startedAt: new Date().toISOString(),
    durationMs: 0,
    ...queueTimesOf(record),
    outcome: 'superseded',
    calls: [],
  });

  // Records run one after the other: a batch is small, and one container runs one invocation at a time.
  const handleBatch = async (batch: SqsBatchLike, context: Context): Promise<SqsBatchResponse> => {
    const batchItemFailures: { itemIdentifier: string }[] = [];
    const reports: (ReactionReport | undefined)[] = [];
    const { handled, superseded } = coalesce(batch.Records);
    for (const [index, record] of batch.Records.entries()) {
      const parsed = handled.get(index);
      const correlationId = parsed?.metadata.correlationId ?? correlationIdOfRecord(record);
      setCurrentCorrelationId(correlationId);
      logger.appendKeys({ correlationId });
      if (parsed && superseded.has(index)) {
        reports.push(supersededReport(parsed, record, context));
        metrics.addMetric(SUPERSEDED_EVENTS_METRIC, MetricUnit.Count, 1);
        continue;
      }
      const { report, error } = await react(
        () => eventOfRecord(record),
        context,
        queueTimesOf(record),
        parsed,
      );
      reports.push(report);
      if (error) {
        logFailure(error, {
          messageId: record.messageId,
          receiveCount: record.attributes?.ApproximateReceiveCount,
        });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    await reportReactions(reports);
    return { batchItemFailures };
  };

  const base = async (event: SubscriberEvent, context: Context): Promise<SqsBatchResponse | undefined> => {
    if (isSqsBatch(event)) return handleBatch(event, context);
    const { report, error } = await react(() => event, context);
    await reportReactions([report]);
    if (error) throw error;
    return undefined;
  };

  const logFailures: MiddlewareObj<SubscriberEvent, SqsBatchResponse | undefined, Error, Context> = {
    onError: (request) => logFailure(request.error as Error),
  };

  return middy<SubscriberEvent, SqsBatchResponse | undefined, Error, Context>(base)
    .use(observabilityMiddleware<SubscriberEvent>({ logger, metrics, correlationId: correlationIdOf }))
    .use(logFailures) as unknown as EventLambdaHandler;
};
