import { type PreparedDashboard, unavailableDashboard } from '../domain/preparedDashboard.ts';
import type { DashboardDependencies } from './DashboardDependencies.ts';
import { dependencyDownReason } from './dependencyDownReason.ts';

/**
 * A preparation's result: `refreshed` when the widgets are current, `stale` when the source was down (the last
 * ones kept, marked stale), `absent` when it was to replace a stored dashboard and there was none (nothing
 * written).
 */
export interface Preparation {
  readonly dashboard: PreparedDashboard;
  readonly outcome: 'refreshed' | 'stale' | 'absent';
}

/**
 * (Re)prepares one member's dashboard of one band from the source and stores it — with `replacing`, only over
 * one still stored. When the source is down the last prepared dashboard is kept, marked stale with the reason
 * (or an empty stale one if there was none), so a reader never gets a 5xx for a dependency's outage; a refusal
 * by the source (4xx) is thrown.
 */
export const prepareDashboard = async (
  deps: DashboardDependencies,
  bandId: string,
  userId: string,
  options: { readonly replacing?: boolean } = {},
): Promise<Preparation> => {
  try {
    const widgets = await deps.source.read(bandId, userId);
    const dashboard: PreparedDashboard = {
      bandId,
      userId,
      preparedAt: deps.now().toISOString(),
      widgets,
      staleReason: null,
    };
    const stored = await deps.dashboards.put(dashboard, options);
    return { dashboard, outcome: stored ? 'refreshed' : 'absent' };
  } catch (error) {
    const reason = dependencyDownReason(deps.source.dependency, error);
    if (!reason) throw error;
    const last = await deps.dashboards.get(bandId, userId);
    if (!last) {
      return {
        dashboard: unavailableDashboard(bandId, userId, deps.now().toISOString(), reason),
        outcome: 'stale',
      };
    }
    await deps.dashboards.markStale(bandId, userId, reason);
    return { dashboard: { ...last, staleReason: reason }, outcome: 'stale' };
  }
};
