import { describe, expect, it } from 'vitest';
import { updatePreferences } from '../../../../../functions/dashboard/useCases/updatePreferences.ts';
import type { Identity } from '../../../../../shared/contracts/identity.ts';
import { ForbiddenError } from '../../../../../shared/runtime/index.ts';
import { inMemoryDashboardDependencies } from '../../../../helpers/dashboard/inMemoryDashboardDependencies.ts';

const identity: Identity = {
  userId: 'u1',
  email: 'u1@example.com',
  name: 'U One',
  memberships: [{ bandId: 'b1', role: 'member' }],
  instruments: [],
};

describe('updatePreferences', () => {
  it('saves a change and says what changed and which widgets now show', async () => {
    const { deps, preferences } = inMemoryDashboardDependencies();
    const update = await updatePreferences(deps, identity, {
      order: ['pending_offers'],
      hidden: ['completed_gigs'],
      defaultBandId: 'b1',
    });
    expect(update.changed).toEqual(['order', 'hidden', 'defaultBandId']);
    expect(update.widgets).toEqual(['pending_offers', 'upcoming_gigs', 'recently_added']);
    expect(await preferences.get('u1')).toEqual(update.preferences);
    expect(preferences.committedEvents).toEqual([
      expect.objectContaining({
        name: 'dashboard.preference_changed',
        data: { userId: 'u1', changed: ['order', 'hidden', 'defaultBandId'], widgets: update.widgets },
      }),
    ]);
  });

  it('saves nothing when nothing changes', async () => {
    const { deps, preferences } = inMemoryDashboardDependencies();
    const update = await updatePreferences(deps, identity, { hidden: [] });
    expect(update.changed).toEqual([]);
    expect(await preferences.get('u1')).toBeNull();
    expect(preferences.committedEvents).toEqual([]);
  });

  it('refuses a default band the caller is not in', async () => {
    const { deps, preferences } = inMemoryDashboardDependencies();
    await expect(updatePreferences(deps, identity, { defaultBandId: 'b9' })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(await preferences.get('u1')).toBeNull();
  });
});
