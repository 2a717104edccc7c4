import type { Logger } from '@aws-lambda-powertools/logger';
import type { ReactionReport } from '../../contracts/services/traceServices.ts';
import { runtimeConfig } from '../runtimeConfig.ts';
import type { ServiceClient } from '../services/ServiceClient.ts';
import { services } from '../services/services.ts';

/** Where the event kit reports how a subscriber handled its events (core's flow trace). */
export interface ReactionReporter {
  report(reactions: readonly ReactionReport[]): Promise<void>;
}

/** The use the platform model adds to every subscribing module when core's trace service exists. */
export const TRACE_SERVICE_USE = 'core/trace_service';

/**
 * The trace gets little time: a slow trace must not hold the queue's batch (its records are done either way).
 * Above the embedded platform's cold start of core's service function, which the first report may meet.
 */
const REPORT_TIMEOUT_MS = 2_000;

/**
 * Reports reactions to core's `trace_service` — the same service call in AWS and on the embedded platform.
 * A failed report is logged and forgotten: the trace is an observer, never a reason to retry a reaction.
 */
export const traceServiceReporter = (client: ServiceClient, logger: Logger): ReactionReporter => ({
  report: async (reactions) => {
    if (reactions.length === 0) return;
    try {
      await client.call(
        'core',
        'trace_service',
        'recordReactions',
        { reactions: [...reactions] },
        { timeoutMs: REPORT_TIMEOUT_MS },
      );
    } catch (error) {
      logger.warn('reactions not recorded in the flow trace', { error: error as Error });
    }
  },
});

/**
 * The reporter of a function the platform rendered: the trace service when the module may call it (the model
 * adds that use wherever core runs), else none — a platform without core has no trace to report to.
 */
export const defaultReactionReporter = (logger: Logger): ReactionReporter | undefined =>
  runtimeConfig.declaredUses().includes(TRACE_SERVICE_USE)
    ? traceServiceReporter(services, logger)
    : undefined;
