import { describe, expect, it } from 'vitest';
import { DASHBOARD_WIDGETS } from '../../../../../functions/dashboard/domain/preparedDashboard.ts';
import { refreshDashboards } from '../../../../../functions/dashboard/useCases/refreshDashboards.ts';
import { ForbiddenError, ServiceUnavailableError } from '../../../../../shared/runtime/index.ts';
import {
  inMemoryDashboardDependencies,
  widgetsOf,
} from '../../../../helpers/dashboard/inMemoryDashboardDependencies.ts';

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

describe('refreshDashboards: only what a change can alter', () => {
  it('reads only Recently added on a file change and keeps the gig widgets as stored', async () => {
    const { deps, dashboards, source, advance } = inMemoryDashboardDependencies();
    const target = { bandId: 'b1', userId: 'u1' };
    await refreshDashboards(deps, [target], 'login', DASHBOARD_WIDGETS);
    const before = await dashboards.get('b1', 'u1');
    // Everything the source would answer now differs: only what is read can change.
    source.widgetsFor = (bandId) => ({ ...widgetsOf(`${bandId}-later`) });
    advance(60_000);
    const outcome = await refreshDashboards(deps, [target], 'content_changed', ['recently_added']);
    expect(outcome.refreshed).toBe(1);
    expect(source.widgetsRead.at(-1)).toEqual(['recently_added']);
    const after = await dashboards.get('b1', 'u1');
    expect(after?.widgets.recently_added).toEqual(widgetsOf('b1-later').recently_added);
    expect(after?.widgets.upcoming_gigs).toEqual(before?.widgets.upcoming_gigs);
    expect(after?.preparedAt).toBe('2026-11-29T12:01:00.000Z');
  });

  it('prepares the whole dashboard when there is none yet or the stored one is stale', async () => {
    const { deps, dashboards, source } = inMemoryDashboardDependencies();
    const target = { bandId: 'b1', userId: 'u1' };
    await refreshDashboards(deps, [target], 'gig_changed', ['upcoming_gigs']);
    // The handlers refresh members who have a dashboard, so a partial read that finds none is the rare case.
    expect(source.widgetsRead).toEqual([['upcoming_gigs'], [...DASHBOARD_WIDGETS]]);
    expect((await dashboards.get('b1', 'u1'))?.widgets).toEqual(widgetsOf('b1'));
    await dashboards.markStale('b1', 'u1', { dependency: 'content.content_service', problem: 'unavailable' });
    await refreshDashboards(deps, [target], 'content_changed', ['recently_added']);
    // The partial read is tried first; a stale dashboard takes no partial update, so it is prepared whole.
    expect(source.widgetsRead.at(-1)).toEqual([...DASHBOARD_WIDGETS]);
    expect((await dashboards.get('b1', 'u1'))?.staleReason).toBeNull();
  });

  it('marks the stored dashboard stale when the source is down for a partial refresh', async () => {
    const { deps, dashboards, source } = inMemoryDashboardDependencies();
    const target = { bandId: 'b1', userId: 'u1' };
    await refreshDashboards(deps, [target], 'login', DASHBOARD_WIDGETS);
    source.failure = new ServiceUnavailableError();
    const outcome = await refreshDashboards(deps, [target], 'content_changed', ['recently_added']);
    expect(outcome).toMatchObject({ refreshed: 0, stale: 1, events: [] });
    expect((await dashboards.get('b1', 'u1'))?.staleReason).toMatchObject({
      dependency: 'content.content_service',
    });
  });
});
