import { onceByEventId } from '../../../shared/runtime/events/onceByEventId.ts';
import { eventHandler } from '../../../shared/runtime/index.ts';
import { GIG_WIDGETS } from '../domain/preparedDashboard.ts';
import { refreshDashboards } from '../useCases/refreshDashboards.ts';
import { dashboardDependencies } from '../wiring/dashboardDependencies.ts';

/**
 * A gig changed (created, edited, answered, deleted): the dashboards prepared for the band's members are
 * refreshed and their gig widgets announced — any member may see the gig, not only those it names.
 */
export const handler = eventHandler({
  repeats: onceByEventId(),
  events: ['content.gig_updated'],
  handle: async ({ data, publishAll, logger }) => {
    const deps = dashboardDependencies();
    const members = await deps.dashboards.membersWithDashboard(data.bandId);
    const targets = members.map((userId) => ({ bandId: data.bandId, userId }));
    const outcome = await refreshDashboards(deps, targets, 'gig_changed', GIG_WIDGETS);
    if (outcome.events.length > 0) await publishAll(outcome.events);
    logger.info('dashboards refreshed on gig change', { ...outcome, events: outcome.events.length });
  },
});
