import { scheduleHandler } from '../../../shared/runtime/index.ts';
import { pollHealth } from '../useCases/pollHealth.ts';
import { coreDependencies } from '../wiring/coreDependencies.ts';

/** Scheduled every minute: the catalog's health column is only as fresh as this poll. */
export const handler = scheduleHandler(async ({ correlationId, logger }) => {
  const health = await pollHealth(coreDependencies(), { correlationId, logger });
  logger.info('Module health polled', { status: health.status });
});
