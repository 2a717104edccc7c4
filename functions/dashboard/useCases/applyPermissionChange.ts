import type { EventToPublish } from '../../../shared/runtime/events/PublisherTypes.ts';
import { DASHBOARD_WIDGETS } from '../domain/preparedDashboard.ts';
import type { DashboardDependencies } from './DashboardDependencies.ts';
import { refreshDashboards } from './refreshDashboards.ts';

/** What dashboard reads of `auth.permission_updated`. */
export interface PermissionChange {
  readonly bandId: string;
  readonly userId: string;
  readonly change: 'granted' | 'role_changed' | 'revoked';
}

/**
 * A member's access to a band changed. Revoked: their dashboard of the band is deleted, so nothing prepared for
 * them is served again (a read with a token that still lists the band prepares it anew, which content refuses).
 * Granted or role changed: it is prepared again (a leader sees more; content answers for the member as they
 * are now, instruments included) and its four widgets are announced. When content refuses to prepare it, the
 * member has lost the band meanwhile (content keeps memberships in auth's order): a dashboard still stored is
 * deleted, so a grant handled after a newer revocation — redelivered, or overtaken — leaves nothing behind.
 * Every path is safe to repeat: deleting twice, or preparing twice from content, ends in the same state.
 */
export const applyPermissionChange = async (
  deps: DashboardDependencies,
  { bandId, userId, change }: PermissionChange,
): Promise<EventToPublish[]> => {
  if (change === 'revoked') {
    await deps.dashboards.remove(bandId, userId);
    return [];
  }
  const outcome = await refreshDashboards(
    deps,
    [{ bandId, userId }],
    'permission_changed',
    DASHBOARD_WIDGETS,
  );
  if (outcome.refused > 0) await deps.dashboards.remove(bandId, userId);
  return outcome.events;
};
