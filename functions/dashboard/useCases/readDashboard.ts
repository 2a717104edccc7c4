import type { Identity } from '../../../shared/contracts/identity.ts';
import { NotFoundError } from '../../../shared/runtime/errors/requestErrors.ts';
import { requireBandRole } from '../../../shared/runtime/http/bandAccess.ts';
import { type DashboardPreferences, DEFAULT_PREFERENCES } from '../domain/dashboardPreferences.ts';
import { type DashboardView, toDashboardView } from '../domain/dashboardView.ts';
import type { PreparedDashboard } from '../domain/preparedDashboard.ts';
import type { DashboardDependencies } from './DashboardDependencies.ts';
import { prepareDashboard } from './prepareDashboard.ts';

/** The band shown when none is asked: the default band while still the caller's, else their first. */
const bandToShow = (identity: Identity, preferences: DashboardPreferences): string => {
  const preferred = preferences.defaultBandId;
  if (preferred && identity.memberships.some((m) => m.bandId === preferred)) return preferred;
  const first = identity.memberships[0];
  if (!first) throw new NotFoundError('You belong to no band yet: there is no dashboard to show');
  return first.bandId;
};

/**
 * The caller's dashboard of a band (the asked one, else their default band, else their first). With a band
 * asked, the prepared dashboard and the preferences are read at once, in parallel (one round trip); without,
 * the preferences say which band, so the dashboard is read after them. A dashboard never prepared, or left
 * stale by an outage, is prepared now; if the source is still down the answer is the last one, `stale: true`.
 */
export const readDashboard = async (
  deps: DashboardDependencies,
  identity: Identity,
  askedBandId: string | undefined,
): Promise<DashboardView> => {
  const preferencesOf = async (): Promise<DashboardPreferences> =>
    (await deps.preferences.get(identity.userId)) ?? DEFAULT_PREFERENCES;
  let bandId: string;
  let preferences: DashboardPreferences;
  let stored: PreparedDashboard | null;
  if (askedBandId) {
    requireBandRole(identity, askedBandId, 'member');
    bandId = askedBandId;
    [preferences, stored] = await Promise.all([
      preferencesOf(),
      deps.dashboards.get(bandId, identity.userId),
    ]);
  } else {
    preferences = await preferencesOf();
    bandId = bandToShow(identity, preferences);
    stored = await deps.dashboards.get(bandId, identity.userId);
  }
  const dashboard =
    stored && stored.staleReason === null
      ? stored
      : (await prepareDashboard(deps, bandId, identity.userId)).dashboard;
  return toDashboardView(dashboard, preferences);
};
