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

/**
 * Applies a preferences change for the caller (the default band must be one of theirs) and, when something
 * changed, saves it with `dashboard.preference_changed` in one transaction.
 */
export const updatePreferences = async (
  deps: Pick<DashboardDependencies, 'preferences' | 'outbox'>,
  identity: Identity,
  change: PreferencesChange,
): Promise<PreferencesUpdate> => {
  const band = change.defaultBandId;
  if (band && !identity.memberships.some((m) => m.bandId === band)) {
    throw new ForbiddenError(`You are not a member of band ${band}`);
  }
  const current = (await deps.preferences.get(identity.userId)) ?? DEFAULT_PREFERENCES;
  const { next, changed } = applyPreferencesChange(current, change);
  const widgets = visibleWidgets(next);
  if (changed.length > 0) {
    await deps.outbox.commit(
      [{ name: 'dashboard.preference_changed', data: { userId: identity.userId, changed, widgets } }],
      (events) => deps.preferences.save(identity.userId, next, events),
    );
  }
  return { preferences: next, changed, widgets };
};
