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

describe('refreshDashboards: a removal landing while a refresh runs', () => {
  it.each([
    ['content_changed', ['recently_added']],
    ['gig_changed', ['upcoming_gigs', 'pending_offers', 'completed_gigs']],
  ] as const)('a %s refresh does not write back a dashboard deleted meanwhile', async (reason, widgets) => {
    const { deps, dashboards, source } = inMemoryDashboardDependencies();
    await refreshDashboards(deps, [{ bandId: 'b1', userId: 'u1' }], 'login', DASHBOARD_WIDGETS);
    // The member is removed (their dashboard deleted) while content answers the refresh's reads.
    source.widgetsFor = (bandId, userId) => {
      void dashboards.remove(bandId, userId);
      return widgetsOf(bandId);
    };
    const outcome = await refreshDashboards(deps, [{ bandId: 'b1', userId: 'u1' }], reason, widgets);
    expect(outcome).toMatchObject({ refreshed: 0, absent: 1, events: [] });
    expect(await dashboards.get('b1', 'u1')).toBeNull();
  });

  it('a sign-in or a grant still prepares a dashboard that was not there', async () => {
    const { deps, dashboards } = inMemoryDashboardDependencies();
    for (const [userId, reason] of [
      ['u1', 'login'],
      ['u2', 'permission_changed'],
    ] as const) {
      const outcome = await refreshDashboards(deps, [{ bandId: 'b1', userId }], reason, DASHBOARD_WIDGETS);
      expect(outcome).toMatchObject({ refreshed: 1, absent: 0 });
    }
    expect((await dashboards.membersWithDashboard('b1')).sort()).toEqual(['u1', 'u2']);
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

  it('prepares the whole dashboard when the stored one is stale, and writes none where there is none', async () => {
    const { deps, dashboards, source } = inMemoryDashboardDependencies();
    const target = { bandId: 'b1', userId: 'u1' };
    const none = await refreshDashboards(deps, [target], 'gig_changed', ['upcoming_gigs']);
    // The handlers refresh members who have a dashboard: a partial read that finds none is a removal that
    // landed meanwhile. The whole read is tried, and its write refused: nothing is stored or announced.
    expect(source.widgetsRead).toEqual([['upcoming_gigs'], [...DASHBOARD_WIDGETS]]);
    expect(none).toMatchObject({ refreshed: 0, absent: 1, events: [] });
    expect(await dashboards.get('b1', 'u1')).toBeNull();
    await refreshDashboards(deps, [target], 'login', DASHBOARD_WIDGETS);
    await dashboards.markStale('b1', 'u1', { dependency: 'content.content_service', problem: 'unavailable' });
    await refreshDashboards(deps, [target], 'content_changed', ['recently_added']);
    // The partial read is tried first; a stale dashboard takes no partial update, so it is prepared whole.
    expect(source.widgetsRead.at(-1)).toEqual([...DASHBOARD_WIDGETS]);
    expect((await dashboards.get('b1', 'u1'))?.staleReason).toBeNull();
    expect((await dashboards.get('b1', 'u1'))?.widgets).toEqual(widgetsOf('b1'));
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
