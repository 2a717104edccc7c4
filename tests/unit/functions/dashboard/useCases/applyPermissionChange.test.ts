import { describe, expect, it } from 'vitest';
import type { PreparedWidgets } from '../../../../../functions/dashboard/domain/preparedDashboard.ts';
import { applyPermissionChange } from '../../../../../functions/dashboard/useCases/applyPermissionChange.ts';
import { readDashboard } from '../../../../../functions/dashboard/useCases/readDashboard.ts';
import type { Identity } from '../../../../../shared/contracts/identity.ts';
import { ForbiddenError, ServiceUnavailableError } from '../../../../../shared/runtime/index.ts';
import {
  inMemoryDashboardDependencies,
  widgetsOf,
} from '../../../../helpers/dashboard/inMemoryDashboardDependencies.ts';

/**
 * Content as the dashboard's source sees it: it answers a member's Recently added for their instruments as
 * they are now, and refuses (403) anyone who is not a member of the band now.
 */
const contentOfBands = () => {
  const members = new Map<string, string>([
    ['b1/u1', 'trumpet'],
    ['b1/u2', 'alto_sax'],
    ['b2/u1', 'trumpet'],
  ]);
  const tokenOf: Record<string, 'Bb' | 'Eb'> = { trumpet: 'Bb', alto_sax: 'Eb' };
  const widgetsFor = (bandId: string, userId: string): PreparedWidgets => {
    const instrument = members.get(`${bandId}/${userId}`);
    if (!instrument) throw new ForbiddenError(`${userId} is not a member of band ${bandId}`);
    const token = tokenOf[instrument] ?? 'Bb';
    const base = widgetsOf(bandId);
    return {
      ...base,
      recently_added: [
        {
          ...(base.recently_added[0] as PreparedWidgets['recently_added'][number]),
          name: `AllOfMe_${token}.pdf`,
          token,
        },
      ],
    };
  };
  return { members, widgetsFor };
};

const setUp = async () => {
  const bed = inMemoryDashboardDependencies();
  const content = contentOfBands();
  bed.source.widgetsFor = content.widgetsFor;
  // Each member's dashboards as prepared at sign-in.
  for (const key of content.members.keys()) {
    const [bandId, userId] = key.split('/') as [string, string];
    await applyPermissionChange(bed.deps, { bandId, userId, change: 'granted' });
  }
  return { ...bed, content };
};
const recentlyAddedOf = async (
  dashboards: Awaited<ReturnType<typeof setUp>>['dashboards'],
  bandId: string,
  userId: string,
): Promise<string[] | undefined> =>
  (await dashboards.get(bandId, userId))?.widgets.recently_added.map((f) => f.name);
/** An identity whose token still lists band b1: a token issued before the revocation. */
const tokenBeforeRevocation: Identity = {
  userId: 'u1',
  email: 'u1@example.com',
  name: 'U One',
  memberships: [{ bandId: 'b1', role: 'member' }],
  instruments: ['trumpet'],
};

describe('applyPermissionChange (auth.permission_updated)', () => {
  it('deletes the revoked member’s dashboard of that band only, announcing nothing', async () => {
    const { deps, dashboards, content } = await setUp();
    content.members.delete('b1/u1');

    expect(await applyPermissionChange(deps, { bandId: 'b1', userId: 'u1', change: 'revoked' })).toEqual([]);

    expect(await dashboards.get('b1', 'u1')).toBeNull();
    expect(await dashboards.membersWithDashboard('b1')).toEqual(['u2']);
    expect(await dashboards.get('b2', 'u1')).not.toBeNull();
  });

  it('leaves nothing a later read with a token that still lists the band could answer: it is refused', async () => {
    const { deps, content } = await setUp();
    content.members.delete('b1/u1');
    await applyPermissionChange(deps, { bandId: 'b1', userId: 'u1', change: 'revoked' });

    // GET /api/dashboard?bandId=b1 with the old token: nothing prepared, and content refuses to prepare it.
    await expect(readDashboard(deps, tokenBeforeRevocation, 'b1')).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('handles a redelivered revocation as the first: no error, the same state', async () => {
    const { deps, dashboards, content } = await setUp();
    content.members.delete('b1/u1');
    const revoked = { bandId: 'b1', userId: 'u1', change: 'revoked' } as const;
    await applyPermissionChange(deps, revoked);
    await expect(applyPermissionChange(deps, revoked)).resolves.toEqual([]);
    expect(await dashboards.membersWithDashboard('b1')).toEqual(['u2']);
  });

  it('prepares the dashboard again on a role change, as content answers for the member now, and announces its four widgets', async () => {
    const { deps, dashboards, content, advance } = await setUp();
    expect(await recentlyAddedOf(dashboards, 'b1', 'u1')).toEqual(['AllOfMe_Bb.pdf']);
    // The trumpet player now plays alto: content's Recently added for them is the E♭ parts.
    content.members.set('b1/u1', 'alto_sax');
    advance(60_000);

    const events = await applyPermissionChange(deps, { bandId: 'b1', userId: 'u1', change: 'role_changed' });

    expect(await recentlyAddedOf(dashboards, 'b1', 'u1')).toEqual(['AllOfMe_Eb.pdf']);
    expect((await dashboards.get('b1', 'u1'))?.preparedAt).toBe('2026-11-29T12:01:00.000Z');
    expect(events).toEqual(
      ['upcoming_gigs', 'recently_added', 'pending_offers', 'completed_gigs'].map((widget) => ({
        name: 'dashboard.module_updated',
        data: { bandId: 'b1', userId: 'u1', widget, reason: 'permission_changed' },
      })),
    );
    // Another member's dashboard of the band is not touched.
    expect(await recentlyAddedOf(dashboards, 'b1', 'u2')).toEqual(['AllOfMe_Eb.pdf']);
  });

  it('prepares the dashboard of a member granted the band again after a revocation', async () => {
    const { deps, dashboards, content } = await setUp();
    content.members.delete('b1/u1');
    await applyPermissionChange(deps, { bandId: 'b1', userId: 'u1', change: 'revoked' });
    content.members.set('b1/u1', 'trumpet');

    const events = await applyPermissionChange(deps, { bandId: 'b1', userId: 'u1', change: 'granted' });

    expect(events).toHaveLength(4);
    expect(await recentlyAddedOf(dashboards, 'b1', 'u1')).toEqual(['AllOfMe_Bb.pdf']);
  });

  it('handles a redelivered grant as the first: the same dashboard, announced again', async () => {
    const { deps, dashboards } = await setUp();
    const granted = { bandId: 'b1', userId: 'u1', change: 'granted' } as const;
    const before = await dashboards.get('b1', 'u1');
    const again = await applyPermissionChange(deps, granted);
    expect(await dashboards.get('b1', 'u1')).toEqual(before);
    expect(again).toHaveLength(4);
  });

  it('keeps nothing when a grant is handled after a newer revocation (content refuses the member)', async () => {
    const { deps, dashboards, content } = await setUp();
    // The member was granted, then removed; the removal is handled first, the grant redelivered afterwards.
    content.members.delete('b1/u1');
    await applyPermissionChange(deps, { bandId: 'b1', userId: 'u1', change: 'revoked' });
    expect(await applyPermissionChange(deps, { bandId: 'b1', userId: 'u1', change: 'granted' })).toEqual([]);
    expect(await dashboards.get('b1', 'u1')).toBeNull();
  });

  it('deletes a stored dashboard when a role change finds the member removed meanwhile (its revocation not handled yet)', async () => {
    const { deps, dashboards, content } = await setUp();
    content.members.delete('b1/u1');
    expect(await applyPermissionChange(deps, { bandId: 'b1', userId: 'u1', change: 'role_changed' })).toEqual(
      [],
    );
    expect(await dashboards.get('b1', 'u1')).toBeNull();
    await expect(readDashboard(deps, tokenBeforeRevocation, 'b1')).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('keeps the last dashboard, stale, when content is down at a role change, and announces nothing', async () => {
    const { deps, dashboards, source } = await setUp();
    source.failure = new ServiceUnavailableError();
    expect(await applyPermissionChange(deps, { bandId: 'b1', userId: 'u1', change: 'role_changed' })).toEqual(
      [],
    );
    expect(await dashboards.get('b1', 'u1')).toMatchObject({
      staleReason: { dependency: 'content.content_service' },
      widgets: { recently_added: [expect.objectContaining({ name: 'AllOfMe_Bb.pdf' })] },
    });
  });
});
