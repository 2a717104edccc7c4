import type { ScheduledEvent } from 'aws-lambda';
import { createLogger, createMetrics } from '../../../shared/runtime/index.ts';
import { type DrainReport, drainOutbox } from '../useCases/outboxRelay.ts';
import { authDependencies } from '../wiring/authDependencies.ts';

const logger = createLogger('auth');
const metrics = createMetrics('auth');

/** Every minute: publishes the events a request committed but could not publish (see the module README). */
export const handler = async (event: ScheduledEvent): Promise<DrainReport> => {
  logger.appendKeys({ correlationId: event.id });
  try {
    const report = await drainOutbox(authDependencies());
    if (report.published > 0 || report.failed > 0) logger.info('Outbox drained', { ...report });
    return report;
  } finally {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    logger.resetKeys();
  }
};
