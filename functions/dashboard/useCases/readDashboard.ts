import type { Identity } from '../../../shared/contracts/identity.ts';
import { NotFoundError } from '../../../shared/runtime/errors/requestErrors.ts';
import { requireBandRole } from '../../../shared/runtime/http/bandAccess.ts';
import { type DashboardPreferences, DEFAULT_PREFERENCES } from '../domain/dashboardPreferences.ts';
import { type DashboardView, toDashboardView } from '../domain/dashboardView.ts';
import type { DashboardDependencies } from './DashboardDependencies.ts';
import { prepareDashboard } from './prepareDashboard.ts';

const bandToShow = (
  identity: Identity,
  asked: string | undefined,
  preferences: DashboardPreferences,
): string => {
  if (asked) return asked;
  const preferred = preferences.defaultBandId;
  if (preferred && identity.memberships.some((m) => m.bandId === preferred)) return preferred;
  const first = identity.memberships[0];
  if (!first) throw new NotFoundError('You belong to no band yet: there is no dashboard to show');
  return first.bandId;
};

/**
 * The caller's dashboard of a band (the asked one, else their default band, else their first): one read of
 * what was prepared (with the preferences, read alongside). A dashboard never prepared, or left stale by an
 * outage, is prepared now; if the source is still down the answer is the last one, `stale: true`.
 */
export const readDashboard = async (
  deps: DashboardDependencies,
  identity: Identity,
  askedBandId: string | undefined,
): Promise<DashboardView> => {
  if (askedBandId) requireBandRole(identity, askedBandId, 'member');
  const preferences = (await deps.preferences.get(identity.userId)) ?? DEFAULT_PREFERENCES;
  const bandId = bandToShow(identity, askedBandId, preferences);
  const stored = await deps.dashboards.get(bandId, identity.userId);
  const dashboard =
    stored && stored.staleReason === null
      ? stored
      : (await prepareDashboard(deps, bandId, identity.userId)).dashboard;
  return toDashboardView(dashboard, preferences);
};
