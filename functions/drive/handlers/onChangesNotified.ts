import { eventHandler } from '../../../shared/runtime/events/eventHandler.ts';
import { onceByEventId } from '../../../shared/runtime/events/onceByEventId.ts';
import { syncChanges } from '../useCases/syncChanges.ts';
import { changeFeedDependencies } from '../wiring/changeFeedDependencies.ts';

/**
 * `drive.changes_notified` (the webhook's queue) → reads Google Drive's changes feed and updates the
 * libraries it touches. A failure is retried by the subscription's queue; the polling schedule is the
 * fallback after that. With the folder provider there is no feed, and nothing to do.
 */
export const handler = eventHandler({
  repeats: onceByEventId(),
  events: ['drive.changes_notified'],
  handle: async ({ data, logger }) => {
    const deps = changeFeedDependencies();
    const google = deps.google;
    if (google === null) return;
    const report = await syncChanges({ ...deps, provider: google, changes: google }, 'webhook');
    logger.info('Changes feed read', { messageNumber: data.messageNumber, ...report });
  },
});
