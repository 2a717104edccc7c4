import { describe, expect, it } from 'vitest';
import { decideRouteAccess } from '../../../../../functions/auth/domain/routeAccess.ts';
import type { Identity } from '../../../../../shared/contracts/identity.ts';

const identity: Identity = {
  userId: 'u1',
  email: 'ana@example.com',
  name: 'Ana',
  memberships: [
    { bandId: 'bandA', role: 'member' },
    { bandId: 'bandL', role: 'leader' },
  ],
  instruments: ['trumpet'],
};
const leaderRoute = 'POST /api/auth/bands/{bandId}/invitations';
const membersRoute = 'GET /api/auth/bands/{bandId}/members';
const leaderRoutes = new Set([leaderRoute]);

describe('decideRouteAccess', () => {
  it('is unauthenticated without an identity', () => {
    expect(
      decideRouteAccess({ identity: null, routeKey: 'GET /api/auth/me', bandId: undefined, leaderRoutes }),
    ).toEqual({
      effect: 'unauthenticated',
    });
  });

  it('allows a user route without a band', () => {
    expect(
      decideRouteAccess({ identity, routeKey: 'GET /api/auth/me', bandId: undefined, leaderRoutes }).effect,
    ).toBe('allow');
  });

  it('isolates tenants: a route naming another band is forbidden', () => {
    expect(decideRouteAccess({ identity, routeKey: membersRoute, bandId: 'bandB', leaderRoutes })).toEqual({
      effect: 'forbidden',
      reason: 'not_a_member',
    });
    expect(
      decideRouteAccess({ identity, routeKey: membersRoute, bandId: 'bandA', leaderRoutes }).effect,
    ).toBe('allow');
  });

  it('requires the leader role in the named band on a leader route', () => {
    expect(decideRouteAccess({ identity, routeKey: leaderRoute, bandId: 'bandA', leaderRoutes })).toEqual({
      effect: 'forbidden',
      reason: 'not_a_leader',
    });
    expect(decideRouteAccess({ identity, routeKey: leaderRoute, bandId: 'bandL', leaderRoutes }).effect).toBe(
      'allow',
    );
  });

  it('fails closed on a leader route without a band in the path', () => {
    expect(
      decideRouteAccess({ identity, routeKey: leaderRoute, bandId: undefined, leaderRoutes }).effect,
    ).toBe('forbidden');
  });
});
