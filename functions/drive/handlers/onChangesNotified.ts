import { eventHandler } from '../../../shared/runtime/events/eventHandler.ts';
import { syncChanges } from '../useCases/syncChanges.ts';
import { driveDependencies } from '../wiring/driveDependencies.ts';

/**
 * `drive.changes_notified` (the webhook's queue) → reads Google Drive's changes feed and updates the
 * libraries it touches. A failure is retried by the subscription's queue; the polling schedule is the
 * fallback after that. With the folder provider there is no feed, and nothing to do.
 */
export const handler = eventHandler({
  events: ['drive.changes_notified'],
  handle: async ({ data, logger }) => {
    const deps = driveDependencies();
    if (deps.changes === null) return;
    const report = await syncChanges({ ...deps, changes: deps.changes }, 'webhook');
    logger.info('Changes feed read', { messageNumber: data.messageNumber, ...report });
  },
});
