import * as z from 'zod';
import { BandId } from '../../../shared/contracts/identifiers.ts';
import { DASHBOARD_WIDGETS, PreparedWidget } from './preparedDashboard.ts';

const uniqueWidgets = z
  .array(PreparedWidget)
  .max(DASHBOARD_WIDGETS.length)
  .refine((list) => new Set(list).size === list.length, { message: 'A widget may appear only once' });

/** A member's dashboard preferences (one per user, across bands). */
export const DashboardPreferences = z
  .object({
    /** Widgets in display order; widgets left out follow in their default order. */
    order: uniqueWidgets,
    hidden: uniqueWidgets,
    defaultBandId: BandId.nullable(),
  })
  .strict();
export type DashboardPreferences = z.infer<typeof DashboardPreferences>;

/** What `PUT /api/dashboard/preferences` accepts: any of the three, at least one. */
export const PreferencesChange = DashboardPreferences.partial()
  .strict()
  .refine((change) => Object.keys(change).length > 0, { message: 'Change at least one preference' });
export type PreferencesChange = z.infer<typeof PreferencesChange>;

export const DEFAULT_PREFERENCES: DashboardPreferences = { order: [], hidden: [], defaultBandId: null };

/** The widgets shown, in order: the chosen order, then the rest in default order, hidden ones left out. */
export const visibleWidgets = (preferences: DashboardPreferences): PreparedWidget[] => {
  const ordered = [...preferences.order, ...DASHBOARD_WIDGETS.filter((w) => !preferences.order.includes(w))];
  return ordered.filter((w) => !preferences.hidden.includes(w));
};

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i]);

/** Applies a change; `changed` names the preferences whose value actually changed (empty: nothing to save). */
export const applyPreferencesChange = (
  current: DashboardPreferences,
  change: PreferencesChange,
): { next: DashboardPreferences; changed: (keyof DashboardPreferences)[] } => {
  const next: DashboardPreferences = {
    order: change.order ?? current.order,
    hidden: change.hidden ?? current.hidden,
    defaultBandId: change.defaultBandId === undefined ? current.defaultBandId : change.defaultBandId,
  };
  const changed: (keyof DashboardPreferences)[] = [];
  if (!sameList(next.order, current.order)) changed.push('order');
  if (!sameList(next.hidden, current.hidden)) changed.push('hidden');
  if (next.defaultBandId !== current.defaultBandId) changed.push('defaultBandId');
  return { next, changed };
};
