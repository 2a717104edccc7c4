import { dependencyContainer } from '../container/dependencyContainer.ts';
import { scheduleHandler } from '../schedule/scheduleHandler.ts';
import { createOutbox, type Outbox } from './Outbox.ts';
import type { DrainReport } from './outboxRelay.ts';

/** The outbox of the module this function belongs to (`SOLEIL_MODULE`), built on the first run. */
const drainDependencies = dependencyContainer<{ outbox: Outbox }>({ outbox: () => createOutbox() });

/**
 * The drain of every module with `outbox: true`: the platform model adds a `drainOutbox` schedule (every
 * minute) whose function runs this file, in the module's name, with the module's outbox table and role. It
 * publishes the events a request committed but could not publish, with their ids (see shared/runtime/README).
 */
export const handler = scheduleHandler(async ({ logger }): Promise<DrainReport> => {
  const report = await drainDependencies().outbox.drain();
  if (report.published > 0 || report.failed > 0) logger.info('Outbox drained', { ...report });
  return report;
});
