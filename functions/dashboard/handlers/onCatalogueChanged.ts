import { onceByEventId } from '../../../shared/runtime/events/onceByEventId.ts';
import { eventHandler } from '../../../shared/runtime/index.ts';
import { refreshDashboards } from '../useCases/refreshDashboards.ts';
import { dashboardDependencies } from '../wiring/dashboardDependencies.ts';

/**
 * When a band's catalogue changes (a file added, changed or removed), refreshes the dashboards prepared for its
 * members: a removed file leaves their Recently added at once, not at the next refresh. The refresh reads the
 * band's catalogue as it is, whatever the change was: of the changes one batch holds for a band, only the
 * newest runs it (`coalesceBy`).
 */
export const handler = eventHandler({
  repeats: onceByEventId(),
  events: ['content.updated', 'content.deleted'],
  coalesceBy: ({ data }) => data.bandId,
  handle: async ({ name, data, publishAll, logger }) => {
    const deps = dashboardDependencies();
    const members = await deps.dashboards.membersWithDashboard(data.bandId);
    const targets = members.map((userId) => ({ bandId: data.bandId, userId }));
    const outcome = await refreshDashboards(deps, targets, 'content_changed', ['recently_added']);
    if (outcome.events.length > 0) await publishAll(outcome.events);
    logger.info('dashboards refreshed on catalogue change', {
      event: name,
      ...outcome,
      events: outcome.events.length,
    });
  },
});
