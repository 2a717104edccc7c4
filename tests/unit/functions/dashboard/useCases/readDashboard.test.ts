import { describe, expect, it } from 'vitest';
import { prepareDashboard } from '../../../../../functions/dashboard/useCases/prepareDashboard.ts';
import { readDashboard } from '../../../../../functions/dashboard/useCases/readDashboard.ts';
import type { Identity } from '../../../../../shared/contracts/identity.ts';
import { ForbiddenError, NotFoundError, UpstreamTimeoutError } from '../../../../../shared/runtime/index.ts';
import { inMemoryDashboardDependencies } from '../../../../helpers/dashboard/inMemoryDashboardDependencies.ts';

const member = (bandIds: string[]): Identity => ({
  userId: 'u1',
  email: 'u1@example.com',
  name: 'U One',
  memberships: bandIds.map((bandId) => ({ bandId, role: 'member' as const })),
  instruments: ['trumpet'],
});

describe('readDashboard', () => {
  it('answers the prepared dashboard without asking the source again', async () => {
    const { deps, source } = inMemoryDashboardDependencies();
    await readDashboard(deps, member(['b1']), 'b1');
    const reads = source.reads;
    const view = await readDashboard(deps, member(['b1']), 'b1');
    expect(source.reads).toBe(reads);
    expect(view.stale).toBe(false);
    expect(view.widgets.map((w) => w.widget)).toEqual([
      'upcoming_gigs',
      'recently_added',
      'pending_offers',
      'completed_gigs',
    ]);
    expect(view.widgets[0]?.items).toEqual([expect.objectContaining({ gigId: 'b1-next' })]);
  });

  it('reads the prepared dashboard and the preferences at once when the band is asked (one round trip)', async () => {
    const { deps, dashboards, preferences } = inMemoryDashboardDependencies();
    await readDashboard(deps, member(['b1']), 'b1');
    await preferences.save('u1', { order: ['recently_added'], hidden: [], defaultBandId: null }, []);
    const asked: string[] = [];
    let answerPreferences: () => void = () => undefined;
    const preferencesGet = preferences.get.bind(preferences);
    preferences.get = async (userId) => {
      asked.push('preferences');
      await new Promise<void>((resolve) => {
        answerPreferences = resolve;
      });
      return preferencesGet(userId);
    };
    const dashboardGet = dashboards.get.bind(dashboards);
    dashboards.get = async (bandId, userId) => {
      asked.push('dashboard');
      return dashboardGet(bandId, userId);
    };
    const reading = readDashboard(deps, member(['b1']), 'b1');
    await new Promise((resolve) => setImmediate(resolve));
    // The preferences have not answered yet and the dashboard has already been asked for.
    expect(asked).toEqual(['preferences', 'dashboard']);
    answerPreferences();
    const view = await reading;
    expect(view.widgets[0]?.widget).toBe('recently_added');
    expect(asked).toEqual(['preferences', 'dashboard']);
  });

  it('refuses a band the caller is not in (403) and a caller with no band (404)', async () => {
    const { deps } = inMemoryDashboardDependencies();
    await expect(readDashboard(deps, member(['b1']), 'b2')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(readDashboard(deps, member([]), undefined)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('shows the default band, when still the caller’s, else their first band', async () => {
    const { deps, preferences } = inMemoryDashboardDependencies();
    await preferences.save('u1', { order: [], hidden: ['completed_gigs'], defaultBandId: 'b2' }, []);
    const view = await readDashboard(deps, member(['b1', 'b2']), undefined);
    expect(view.bandId).toBe('b2');
    expect(view.widgets.map((w) => w.widget)).not.toContain('completed_gigs');
    expect((await readDashboard(deps, member(['b1']), undefined)).bandId).toBe('b1');
  });

  it('answers a dashboard left stale by a failed refresh stale while the source is down, current once it is back', async () => {
    const { deps, source } = inMemoryDashboardDependencies();
    await readDashboard(deps, member(['b1']), 'b1');
    source.failure = new UpstreamTimeoutError();
    // A refresh (e.g. on content.updated) fails while content is down: the stored dashboard turns stale.
    await prepareDashboard(deps, 'b1', 'u1');
    const stale = await readDashboard(deps, member(['b1']), 'b1');
    expect(stale.stale).toBe(true);
    expect(stale.staleReason).toEqual({ dependency: 'content.content_service', problem: 'upstream-timeout' });
    expect(stale.widgets[0]?.items).toHaveLength(1);

    source.failure = null;
    source.widgetsFor = () => ({
      upcoming_gigs: [],
      recently_added: [],
      pending_offers: [],
      completed_gigs: [],
    });
    const recovered = await readDashboard(deps, member(['b1']), 'b1');
    expect(recovered.stale).toBe(false);
    expect(recovered.widgets[0]?.items).toEqual([]);
  });
});
