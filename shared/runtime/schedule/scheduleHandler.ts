import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { currentCorrelationId } from '../observability/currentInvocation.ts';
import { createLogger } from '../observability/logger.ts';
import { createMetrics } from '../observability/metrics.ts';
import { observabilityMiddleware } from '../observability/observabilityMiddleware.ts';
import { runtimeConfig } from '../runtimeConfig.ts';

/** Counted once per scheduled run that threw (the run is then retried by Lambda and dead-lettered). */
export const SCHEDULE_FAILURES_METRIC = 'ScheduleFailures';

/** What a scheduled job receives. */
export interface ScheduleRun {
  /** The `Scheduled Event` of the rate rule (`{}` when invoked by hand). */
  readonly event: Partial<ScheduledEvent>;
  /** The event's id: one correlation id for everything this run logs, publishes and calls. */
  readonly correlationId: string;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/** Options of {@link scheduleHandler}; production defaults for all. */
export interface ScheduleHandlerOptions {
  /** @default env SOLEIL_MODULE */
  readonly module?: string;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
}

/** The Lambda handler scheduleHandler returns. */
export type ScheduleLambdaHandler<R> = (event: Partial<ScheduledEvent>, context?: Context) => Promise<R>;

// A hand-made invocation may carry no id; the run still needs one to correlate its lines.
const correlationIdOf = (event: Partial<ScheduledEvent> | undefined): string =>
  typeof event?.id === 'string' && event.id.length > 0 && event.id.length <= 128 ? event.id : randomUUID();

/**
 * A module's scheduled job (a manifest `schedules` entry): the run's correlation id on every log line and
 * on what it publishes, metrics flushed whether it succeeded or threw, and a failure logged and counted as
 * {@link SCHEDULE_FAILURES_METRIC} before it is rethrown (so Lambda retries it and, at last, dead-letters it).
 *
 * @example
 * ```ts
 * export const handler = scheduleHandler(async ({ logger }) => {
 *   const expired = await expireInvitations(dependencies());
 *   logger.info('Invitations expired', { expired });
 * });
 * ```
 */
export const scheduleHandler = <R>(
  run: (job: ScheduleRun) => Promise<R>,
  options: ScheduleHandlerOptions = {},
): ScheduleLambdaHandler<R> => {
  const module = options.module ?? runtimeConfig.moduleOr('unknown');
  const logger = options.logger ?? createLogger(module);
  const metrics = options.metrics ?? createMetrics(module);

  const countFailures: MiddlewareObj<Partial<ScheduledEvent>, R, Error, Context> = {
    onError: (request) => {
      metrics.addMetric(SCHEDULE_FAILURES_METRIC, MetricUnit.Count, 1);
      logger.error('scheduled run failed', request.error as Error);
    },
  };

  // The observability middleware has set the run's correlation id before this runs.
  const base = (event: Partial<ScheduledEvent>): Promise<R> =>
    run({ event: event ?? {}, correlationId: currentCorrelationId() ?? randomUUID(), logger, metrics });

  return middy<Partial<ScheduledEvent>, R, Error, Context>(base)
    .use(
      observabilityMiddleware<Partial<ScheduledEvent>>({ logger, metrics, correlationId: correlationIdOf }),
    )
    .use(countFailures) as unknown as ScheduleLambdaHandler<R>;
};
