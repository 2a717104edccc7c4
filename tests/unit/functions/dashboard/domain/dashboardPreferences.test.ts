import { describe, expect, it } from 'vitest';
import {
  applyPreferencesChange,
  DEFAULT_PREFERENCES,
  PreferencesChange,
  visibleWidgets,
} from '../../../../../functions/dashboard/domain/dashboardPreferences.ts';

describe('dashboard preferences', () => {
  it('shows every widget in default order when nothing is chosen', () => {
    expect(visibleWidgets(DEFAULT_PREFERENCES)).toEqual([
      'upcoming_gigs',
      'recently_added',
      'pending_offers',
      'completed_gigs',
    ]);
  });

  it('puts the chosen widgets first, the rest after in default order, hidden ones left out', () => {
    const shown = visibleWidgets({
      order: ['completed_gigs'],
      hidden: ['pending_offers'],
      defaultBandId: null,
    });
    expect(shown).toEqual(['completed_gigs', 'upcoming_gigs', 'recently_added']);
  });

  it('refuses a widget twice, an unknown widget, an empty change and unknown keys', () => {
    expect(PreferencesChange.safeParse({ order: ['upcoming_gigs', 'upcoming_gigs'] }).success).toBe(false);
    expect(PreferencesChange.safeParse({ hidden: ['weather'] }).success).toBe(false);
    expect(PreferencesChange.safeParse({}).success).toBe(false);
    expect(PreferencesChange.safeParse({ order: [], colour: 'red' }).success).toBe(false);
    expect(PreferencesChange.safeParse({ defaultBandId: 'bad id' }).success).toBe(false);
    expect(PreferencesChange.safeParse({ defaultBandId: null }).success).toBe(true);
  });

  it('names only the preferences whose value changed', () => {
    const current = { order: ['recently_added' as const], hidden: [], defaultBandId: 'b1' };
    expect(applyPreferencesChange(current, { order: ['recently_added'], hidden: [] }).changed).toEqual([]);
    const { next, changed } = applyPreferencesChange(current, {
      hidden: ['completed_gigs'],
      defaultBandId: null,
    });
    expect(changed).toEqual(['hidden', 'defaultBandId']);
    expect(next).toEqual({ order: ['recently_added'], hidden: ['completed_gigs'], defaultBandId: null });
  });
});
