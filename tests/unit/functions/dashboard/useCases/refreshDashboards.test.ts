import { describe, expect, it } from 'vitest';
import { refreshDashboards } from '../../../../../functions/dashboard/useCases/refreshDashboards.ts';
import { ForbiddenError, ServiceUnavailableError } from '../../../../../shared/runtime/index.ts';
import { inMemoryDashboardDependencies } from '../../../../helpers/dashboard/inMemoryDashboardDependencies.ts';

describe('refreshDashboards', () => {
  it('prepares each target and announces the given widgets of each', async () => {
    const { deps, dashboards } = inMemoryDashboardDependencies();
    const targets = [
      { bandId: 'b1', userId: 'u1' },
      { bandId: 'b2', userId: 'u1' },
    ];
    const outcome = await refreshDashboards(deps, targets, 'login', ['upcoming_gigs', 'recently_added']);
    expect(outcome).toMatchObject({ refreshed: 2, stale: 0, refused: 0 });
    expect(outcome.events).toEqual([
      {
        name: 'dashboard.module_updated',
        data: { bandId: 'b1', userId: 'u1', widget: 'upcoming_gigs', reason: 'login' },
      },
      {
        name: 'dashboard.module_updated',
        data: { bandId: 'b1', userId: 'u1', widget: 'recently_added', reason: 'login' },
      },
      {
        name: 'dashboard.module_updated',
        data: { bandId: 'b2', userId: 'u1', widget: 'upcoming_gigs', reason: 'login' },
      },
      {
        name: 'dashboard.module_updated',
        data: { bandId: 'b2', userId: 'u1', widget: 'recently_added', reason: 'login' },
      },
    ]);
    expect(await dashboards.membersWithDashboard('b2')).toEqual(['u1']);
  });

  it('announces nothing for a dashboard left stale or refused, without failing', async () => {
    const { deps, source } = inMemoryDashboardDependencies();
    source.failure = new ServiceUnavailableError();
    const down = await refreshDashboards(deps, [{ bandId: 'b1', userId: 'u1' }], 'content_changed', [
      'recently_added',
    ]);
    expect(down).toMatchObject({ refreshed: 0, stale: 1, events: [] });
    source.failure = new ForbiddenError('revoked');
    const refused = await refreshDashboards(deps, [{ bandId: 'b1', userId: 'u1' }], 'content_changed', [
      'recently_added',
    ]);
    expect(refused).toMatchObject({ refreshed: 0, refused: 1, events: [] });
  });
});
