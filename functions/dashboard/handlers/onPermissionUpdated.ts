import { eventHandler } from '../../../shared/runtime/index.ts';
import { DASHBOARD_WIDGETS } from '../domain/preparedDashboard.ts';
import { refreshDashboards } from '../useCases/refreshDashboards.ts';
import { dashboardDependencies } from '../wiring/dashboardDependencies.ts';

/** A revoked member's dashboard is dropped; a granted or changed role re-prepares it (a leader sees more). */
export const handler = eventHandler({
  events: ['auth.permission_updated'],
  handle: async ({ data, publishAll }) => {
    const deps = dashboardDependencies();
    if (data.change === 'revoked') {
      await deps.dashboards.remove(data.bandId, data.userId);
      return;
    }
    const targets = [{ bandId: data.bandId, userId: data.userId }];
    const outcome = await refreshDashboards(deps, targets, 'permission_changed', DASHBOARD_WIDGETS);
    if (outcome.events.length > 0) await publishAll(outcome.events);
  },
});
