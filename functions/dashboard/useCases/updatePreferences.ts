import type { Identity } from '../../../shared/contracts/identity.ts';
import { ForbiddenError } from '../../../shared/runtime/errors/requestErrors.ts';
import {
  applyPreferencesChange,
  type DashboardPreferences,
  DEFAULT_PREFERENCES,
  type PreferencesChange,
  visibleWidgets,
} from '../domain/dashboardPreferences.ts';
import type { PreparedWidget } from '../domain/preparedDashboard.ts';
import type { DashboardDependencies } from './DashboardDependencies.ts';

export interface PreferencesUpdate {
  readonly preferences: DashboardPreferences;
  /** The preferences whose value changed; empty when the request changed nothing (nothing saved). */
  readonly changed: (keyof DashboardPreferences)[];
  readonly widgets: PreparedWidget[];
}

/** Applies a preferences change for the caller; the default band must be one of theirs. */
export const updatePreferences = async (
  deps: Pick<DashboardDependencies, 'preferences'>,
  identity: Identity,
  change: PreferencesChange,
): Promise<PreferencesUpdate> => {
  const band = change.defaultBandId;
  if (band && !identity.memberships.some((m) => m.bandId === band)) {
    throw new ForbiddenError(`You are not a member of band ${band}`);
  }
  const current = (await deps.preferences.get(identity.userId)) ?? DEFAULT_PREFERENCES;
  const { next, changed } = applyPreferencesChange(current, change);
  if (changed.length > 0) await deps.preferences.put(identity.userId, next);
  return { preferences: next, changed, widgets: visibleWidgets(next) };
};
