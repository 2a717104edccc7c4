import { isPlatformError } from '../../../shared/runtime/errors/PlatformError.ts';
import type { EventToPublish } from '../../../shared/runtime/events/PublisherTypes.ts';
import { runBounded } from '../../../shared/runtime/websocket/runBounded.ts';
import { DASHBOARD_WIDGETS, type PreparedWidget } from '../domain/preparedDashboard.ts';
import type { DashboardDependencies } from './DashboardDependencies.ts';
import { dependencyDownReason } from './dependencyDownReason.ts';
import { prepareDashboard } from './prepareDashboard.ts';

/** Why dashboards are refreshed (the `reason` of `dashboard.module_updated`). */
export type RefreshReason = 'login' | 'content_changed' | 'gig_changed' | 'permission_changed';

/** One dashboard to refresh and the widgets to announce when it is. */
export interface RefreshTarget {
  readonly bandId: string;
  readonly userId: string;
}

/** Dashboards prepared at once: bounded so a band of 50 does not open 200 service calls together. */
const REFRESH_CONCURRENCY = 5;

export interface RefreshOutcome {
  readonly refreshed: number;
  /** Left stale: the source was down (the next read retries) or refused (the user is no longer a member). */
  readonly stale: number;
  readonly refused: number;
  /** `dashboard.module_updated` for every refreshed dashboard's announced widgets. */
  readonly events: EventToPublish[];
}

/**
 * Refreshes the widgets a change can alter — only those, one service call each, into the stored dashboard
 * (a file drop reads Recently added, not the gigs: one call per member instead of four) — or the whole
 * dashboard when all may have changed, when there is none yet, or when it is stale. True when the dashboard
 * is current afterwards; false when the source was down (the dashboard is marked stale). A refusal throws.
 */
const refreshWidgets = async (
  deps: DashboardDependencies,
  bandId: string,
  userId: string,
  widgets: readonly PreparedWidget[],
): Promise<boolean> => {
  if (DASHBOARD_WIDGETS.every((widget) => widgets.includes(widget))) {
    return (await prepareDashboard(deps, bandId, userId)).refreshed;
  }
  try {
    const fresh = await deps.source.readSome(bandId, userId, widgets);
    if (await deps.dashboards.putWidgets(bandId, userId, fresh, deps.now().toISOString())) return true;
  } catch (error) {
    const reason = dependencyDownReason(deps.source.dependency, error);
    if (!reason) throw error;
    await deps.dashboards.markStale(bandId, userId, reason);
    return false;
  }
  // No current dashboard to update: prepared whole.
  return (await prepareDashboard(deps, bandId, userId)).refreshed;
};

/**
 * Refreshes dashboards and says what to announce. A source that is down leaves the dashboard stale (not an
 * error: `GET /api/dashboard` re-prepares a stale dashboard, so it recovers by itself once the source is back);
 * a refusal (4xx, e.g. membership already revoked in content) skips that dashboard.
 */
export const refreshDashboards = async (
  deps: DashboardDependencies,
  targets: readonly RefreshTarget[],
  reason: RefreshReason,
  widgets: readonly PreparedWidget[],
): Promise<RefreshOutcome> => {
  const outcomes = await runBounded(targets, REFRESH_CONCURRENCY, async (target) => {
    try {
      const refreshed = await refreshWidgets(deps, target.bandId, target.userId, widgets);
      return refreshed ? 'refreshed' : 'stale';
    } catch (error) {
      if (isPlatformError(error) && error.status < 500) return 'refused';
      throw error;
    }
  });
  const events: EventToPublish[] = [];
  targets.forEach((target, i) => {
    if (outcomes[i] !== 'refreshed') return;
    for (const widget of widgets) {
      events.push({
        name: 'dashboard.module_updated',
        data: { bandId: target.bandId, userId: target.userId, widget, reason },
      });
    }
  });
  return {
    refreshed: outcomes.filter((o) => o === 'refreshed').length,
    stale: outcomes.filter((o) => o === 'stale').length,
    refused: outcomes.filter((o) => o === 'refused').length,
    events,
  };
};
