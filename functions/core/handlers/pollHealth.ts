import type { ScheduledEvent } from 'aws-lambda';
import { createLogger, createPublisher } from '../../../shared/runtime/index.ts';
import { HEALTH_CHECK_TIMEOUT_MS } from '../domain/healthPolicy.ts';
import { pollModuleHealth } from '../domain/pollModuleHealth.ts';
import { LambdaHealthProbe } from '../probes/LambdaHealthProbe.ts';
import { catalogStore } from '../store/catalogStore.ts';

const logger = createLogger('core');
const publisher = createPublisher({ module: 'core' });
const probe = new LambdaHealthProbe(undefined, HEALTH_CHECK_TIMEOUT_MS);

/** Scheduled every minute: the catalog's health column is only as fresh as this poll. */
export const handler = async (event: ScheduledEvent): Promise<void> => {
  logger.appendKeys({ correlationId: event.id });
  const store = catalogStore();
  const health = await pollModuleHealth({
    listModules: () => store.listModules(),
    recordHealth: (module, report) => store.recordHealth(module, report),
    probe: (fn) => probe.probe(fn),
    publishHealthCheck: async (data) => {
      await publisher.publish('system.health_check', data, { correlationId: event.id });
    },
    publishEmergency: async (data) => {
      logger.error('Critical modules down: declaring an emergency', {
        affectedModules: data.affectedModules,
      });
      await publisher.publish('system.emergency', data, { correlationId: event.id });
    },
    now: () => new Date(),
  });
  logger.info('Module health polled', { status: health.status });
  logger.resetKeys();
};
