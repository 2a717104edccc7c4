import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { SYNC_METRICS } from '../domain/syncMetrics.ts';
import type { BroadcastOutcome } from '../useCases/broadcast.ts';

/** A relayed band message's push counts as metrics, and a log line when it was a repeat or some pushes failed. */
export const recordRelayOutcome = (outcome: BroadcastOutcome, metrics: Metrics, logger: Logger): void => {
  metrics.addMetric(SYNC_METRICS.pushesDelivered, MetricUnit.Count, outcome.delivered);
  metrics.addMetric(SYNC_METRICS.pushesGone, MetricUnit.Count, outcome.gone);
  metrics.addMetric(SYNC_METRICS.pushesFailed, MetricUnit.Count, outcome.failed);
  if (!outcome.fresh) logger.info('Relayed an event again under the number it already had', { ...outcome });
  if (outcome.failed > 0) logger.warn('Some live pushes failed after retries', { ...outcome });
};
