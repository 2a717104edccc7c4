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

/**
 * Whether a refresh for this reason prepares a dashboard that is not stored. A sign-in or a grant does: it is
 * the member's first. A band-wide change (a file, a gig) refreshes the dashboards that exist: one missing was
 * deleted while the refresh ran (the member was removed), and writing it back would keep a removed member's
 * dashboard.
 */
const PREPARES_MISSING: Readonly<Record<RefreshReason, boolean>> = {
  login: true,
  permission_changed: true,
  content_changed: false,
  gig_changed: false,
};

/** Dashboards prepared at once: bounded so a band of 50 does not open 200 service calls together. */
const REFRESH_CONCURRENCY = 5;

export interface RefreshOutcome {
  readonly refreshed: number;
  /** Left stale: the source was down (the next read retries) or refused (the user is no longer a member). */
  readonly stale: number;
  readonly refused: number;
  /** Not written: a band-wide refresh found the dashboard deleted meanwhile (see {@link PREPARES_MISSING}). */
  readonly absent: number;
  /** `dashboard.module_updated` for every refreshed dashboard's announced widgets. */
  readonly events: EventToPublish[];
}

/**
 * Refreshes the widgets a change can alter — only those, one service call each, into the stored dashboard
 * (a file drop reads Recently added, not the gigs: one call per member instead of four) — or the whole
 * dashboard when all may have changed, when there is none yet (if `reason` prepares missing ones), or when it is
 * stale. `stale` when the source was down (the dashboard is marked stale); `absent` when there was none to
 * replace. A refusal throws.
 */
const refreshWidgets = async (
  deps: DashboardDependencies,
  { bandId, userId }: RefreshTarget,
  reason: RefreshReason,
  widgets: readonly PreparedWidget[],
): Promise<'refreshed' | 'stale' | 'absent'> => {
  const whole = async () =>
    (await prepareDashboard(deps, bandId, userId, { replacing: !PREPARES_MISSING[reason] })).outcome;
  if (DASHBOARD_WIDGETS.every((widget) => widgets.includes(widget))) return whole();
  try {
    const fresh = await deps.source.readSome(bandId, userId, widgets);
    if (await deps.dashboards.putWidgets(bandId, userId, fresh, deps.now().toISOString())) return 'refreshed';
  } catch (error) {
    const down = dependencyDownReason(deps.source.dependency, error);
    if (!down) throw error;
    await deps.dashboards.markStale(bandId, userId, down);
    return 'stale';
  }
  // No current dashboard to update: prepared whole.
  return whole();
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
      return await refreshWidgets(deps, target, reason, widgets);
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
    absent: outcomes.filter((o) => o === 'absent').length,
    events,
  };
};
