import { describe, expect, it } from 'vitest';
import { prepareDashboard } from '../../../../../functions/dashboard/useCases/prepareDashboard.ts';
import {
  ForbiddenError,
  ServiceCallError,
  ServiceUnavailableError,
  UpstreamTimeoutError,
} from '../../../../../shared/runtime/index.ts';
import {
  inMemoryDashboardDependencies,
  widgetsOf,
} from '../../../../helpers/dashboard/inMemoryDashboardDependencies.ts';

describe('prepareDashboard', () => {
  it('stores the widgets the source answers, fresh', async () => {
    const { deps, dashboards } = inMemoryDashboardDependencies();
    const { dashboard, outcome } = await prepareDashboard(deps, 'b1', 'u1');
    expect(outcome).toBe('refreshed');
    expect(dashboard.widgets).toEqual(widgetsOf('b1'));
    expect(dashboard.staleReason).toBeNull();
    expect(await dashboards.get('b1', 'u1')).toEqual(dashboard);
  });

  it.each([
    ['circuit open', new ServiceUnavailableError('open'), 'service-unavailable'],
    ['timeout', new UpstreamTimeoutError(), 'upstream-timeout'],
    [
      'failed call',
      new ServiceCallError({
        target: { module: 'content', service: 'content_service', operation: 'upcomingGigs' },
        status: 500,
        detail: 'boom',
      }),
      'service-call-failed',
    ],
    ['unreachable', new Error('socket hang up'), 'unreachable'],
  ])('keeps the last dashboard, marked stale, when the source is down (%s)', async (_, failure, problem) => {
    const { deps, dashboards, source, advance } = inMemoryDashboardDependencies();
    const first = (await prepareDashboard(deps, 'b1', 'u1')).dashboard;
    source.failure = failure;
    advance(60_000);
    const { dashboard, outcome } = await prepareDashboard(deps, 'b1', 'u1');
    expect(outcome).toBe('stale');
    expect(dashboard.widgets).toEqual(first.widgets);
    expect(dashboard.preparedAt).toBe(first.preparedAt);
    const reason = { dependency: 'content.content_service', problem };
    expect(dashboard.staleReason).toEqual(reason);
    expect((await dashboards.get('b1', 'u1'))?.staleReason).toEqual(reason);
  });

  it('answers an empty stale dashboard, storing nothing, when it was never prepared and the source is down', async () => {
    const { deps, dashboards, source } = inMemoryDashboardDependencies();
    source.failure = new UpstreamTimeoutError();
    const { dashboard, outcome } = await prepareDashboard(deps, 'b1', 'u1');
    expect(outcome).toBe('stale');
    expect(dashboard.widgets.upcoming_gigs).toEqual([]);
    expect(dashboard.staleReason?.problem).toBe('upstream-timeout');
    expect(await dashboards.get('b1', 'u1')).toBeNull();
  });

  it('passes a refusal of the source (4xx) through', async () => {
    const { deps, source } = inMemoryDashboardDependencies();
    source.failure = new ForbiddenError('not a member');
    await expect(prepareDashboard(deps, 'b1', 'u1')).rejects.toBeInstanceOf(ForbiddenError);
  });
});
