import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { EventMetadata } from '../../contracts/eventEnvelope.ts';
import {
  REACTION_REPORT_DETAIL_TYPE,
  type ReactionReport,
  ReactionReportDetail,
} from '../../contracts/flowTrace.ts';
import { createLogger } from '../observability/logger.ts';
import { createMetrics } from '../observability/metrics.ts';
import { observabilityMiddleware } from '../observability/observabilityMiddleware.ts';
import { runtimeConfig } from '../runtimeConfig.ts';
import { eventOfRecord, isSqsBatch, type SqsBatchLike, type SqsBatchResponse } from './sqsBatch.ts';

/** What an observer sees of a platform event: its name, source and metadata — and whose it is, when it says. */
export interface ObservedEvent {
  readonly name: string;
  readonly source: string;
  readonly metadata: EventMetadata;
  /** The data's `userId`, when it names one (the user the event is about, e.g. who signed in). */
  readonly userId: string | undefined;
}

/** How an observer is declared; production defaults for everything but `observe`. */
export interface EventObserverOptions {
  /** Handles one batch at once (e.g. one batch write); throwing returns the whole batch to the queue. */
  readonly observe: (
    events: readonly ObservedEvent[],
    tools: { logger: Logger; metrics: Metrics },
  ) => Promise<void>;
  /** Handles the reaction reports of the batch (the event kit's, see `reactionReporter.ts`). */
  readonly observeReactions?: (reactions: readonly ReactionReport[]) => Promise<void>;
  /** @default env SOLEIL_MODULE */
  readonly module?: string;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
}

const observedOf = (body: ReturnType<typeof eventOfRecord>): ObservedEvent | undefined => {
  const detail = body.detail as { metadata?: unknown; data?: unknown } | undefined;
  const metadata = EventMetadata.safeParse(detail?.metadata);
  if (!metadata.success || typeof body['detail-type'] !== 'string' || typeof body.source !== 'string') {
    return undefined;
  }
  const userId = (detail?.data as { userId?: unknown } | undefined)?.userId;
  return {
    name: body['detail-type'],
    source: body.source,
    metadata: metadata.data,
    userId: typeof userId === 'string' && userId.length <= 128 ? userId : undefined,
  };
};

/**
 * A subscriber that watches events rather than reacting to them (core's flow trace): it reads only the
 * envelope (any platform event, whatever its data), handles the whole SQS batch in one call, is not
 * idempotent by the kit (an observer's writes are keyed by event id) and reports no reaction of its own.
 * A record without a readable envelope is logged and dropped: an observer never dead-letters what the
 * reacting subscribers already refuse.
 */
export const eventObserverHandler = (options: EventObserverOptions) => {
  const module = options.module ?? runtimeConfig.moduleOr('unknown');
  const logger = options.logger ?? createLogger(module);
  const metrics = options.metrics ?? createMetrics(module);

  const base = async (batch: SqsBatchLike): Promise<SqsBatchResponse> => {
    if (!isSqsBatch(batch)) {
      logger.warn('an observer receives SQS batches only; invocation ignored');
      return { batchItemFailures: [] };
    }
    const events: ObservedEvent[] = [];
    const reactions: ReactionReport[] = [];
    for (const record of batch.Records) {
      let body: ReturnType<typeof eventOfRecord> | undefined;
      try {
        body = eventOfRecord(record);
      } catch {
        body = undefined;
      }
      if (body?.['detail-type'] === REACTION_REPORT_DETAIL_TYPE) {
        const report = ReactionReportDetail.safeParse(body.detail);
        if (report.success) reactions.push(...report.data.reactions);
        else logger.warn('malformed reaction report dropped', { messageId: record.messageId });
        continue;
      }
      const observed = body ? observedOf(body) : undefined;
      if (observed) events.push(observed);
      else logger.warn('record without a platform event envelope dropped', { messageId: record.messageId });
    }
    if (events.length > 0) await options.observe(events, { logger, metrics });
    if (reactions.length > 0 && options.observeReactions) await options.observeReactions(reactions);
    return { batchItemFailures: [] };
  };

  return middy<SqsBatchLike, SqsBatchResponse, Error, Context>(base).use(
    observabilityMiddleware<SqsBatchLike>({ logger, metrics, correlationId: () => 'observer' }),
  ) as unknown as (batch: SqsBatchLike, context: Context) => Promise<SqsBatchResponse>;
};
