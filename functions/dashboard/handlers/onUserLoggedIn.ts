import { onceByEventId } from '../../../shared/runtime/events/onceByEventId.ts';
import { eventHandler } from '../../../shared/runtime/index.ts';
import { DASHBOARD_WIDGETS } from '../domain/preparedDashboard.ts';
import { refreshDashboards } from '../useCases/refreshDashboards.ts';
import { dashboardDependencies } from '../wiring/dashboardDependencies.ts';

/** On sign-in, prepares the user's dashboard of each of their bands. */
export const handler = eventHandler({
  repeats: onceByEventId(),
  events: ['auth.user_logged_in'],
  handle: async ({ data, publishAll, logger }) => {
    const targets = data.memberships.map((m) => ({ bandId: m.bandId, userId: data.userId }));
    const outcome = await refreshDashboards(dashboardDependencies(), targets, 'login', DASHBOARD_WIDGETS);
    if (outcome.events.length > 0) await publishAll(outcome.events);
    logger.info('dashboards prepared at sign-in', { ...outcome, events: outcome.events.length });
  },
});
