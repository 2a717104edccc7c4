import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { BadRequestError } from '../errors/requestErrors.ts';
import { currentCorrelationId } from '../observability/currentInvocation.ts';
import { createLogger } from '../observability/logger.ts';
import { createMetrics } from '../observability/metrics.ts';
import { observabilityMiddleware } from '../observability/observabilityMiddleware.ts';
import { runtimeConfig } from '../runtimeConfig.ts';

/** Counted once per folder-trigger run that threw (the embedded platform retries it a few times). */
export const FOLDER_TRIGGER_FAILURES_METRIC = 'FolderTriggerFailures';

/** What the embedded platform sends a `folderTriggers` handler (see infra/local/folders). */
export const FolderTriggerEvent = z
  .object({
    source: z.literal('soleil.local.folder'),
    triggerId: z.string().min(1).max(64),
    /** The name of the folder, directly in the trigger's root, under which something changed. */
    folder: z.string().min(1).max(255),
  })
  .strict();
export type FolderTriggerEvent = z.infer<typeof FolderTriggerEvent>;

/** What a folder-trigger run receives. */
export interface FolderTriggerRun {
  readonly event: FolderTriggerEvent;
  /** A fresh id per run, on every log line and on what the run publishes. */
  readonly correlationId: string;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/** The Lambda handler folderTriggerHandler returns. */
export type FolderTriggerLambdaHandler<R> = (event: unknown, context?: Context) => Promise<R>;

/**
 * A module's folder-trigger handler (a manifest `folderTriggers` entry, run by the embedded platform when
 * a watched folder changed): the event validated (anything else is a `BadRequestError`), a correlation id
 * per run, metrics flushed, and a failure logged and counted before it is rethrown (the platform retries).
 *
 * @example
 * ```ts
 * export const handler = folderTriggerHandler(async ({ event }) => syncLibrary(deps(), event.folder));
 * ```
 */
export const folderTriggerHandler = <R>(
  run: (job: FolderTriggerRun) => Promise<R>,
  options: { readonly module?: string; readonly logger?: Logger; readonly metrics?: Metrics } = {},
): FolderTriggerLambdaHandler<R> => {
  const module = options.module ?? runtimeConfig.moduleOr('unknown');
  const logger = options.logger ?? createLogger(module);
  const metrics = options.metrics ?? createMetrics(module);

  const countFailures: MiddlewareObj<unknown, R, Error, Context> = {
    onError: (request) => {
      metrics.addMetric(FOLDER_TRIGGER_FAILURES_METRIC, MetricUnit.Count, 1);
      logger.error('folder trigger run failed', request.error as Error);
    },
  };

  const base = (event: unknown): Promise<R> => {
    const parsed = FolderTriggerEvent.safeParse(event);
    if (!parsed.success) throw new BadRequestError('Not a folder trigger event');
    return run({
      event: parsed.data,
      correlationId: currentCorrelationId() ?? randomUUID(),
      logger,
      metrics,
    });
  };

  return middy<unknown, R, Error, Context>(base)
    .use(observabilityMiddleware<unknown>({ logger, metrics, correlationId: () => randomUUID() }))
    .use(countFailures) as unknown as FolderTriggerLambdaHandler<R>;
};
