import type { Identity } from '../../../shared/contracts/identity.ts';

/** The authorizer's verdict for one request. */
export type AccessDecision =
  | { readonly effect: 'allow'; readonly identity: Identity }
  /** No valid credentials: 401. */
  | { readonly effect: 'unauthenticated' }
  /** Valid credentials, not enough rights: 403. */
  | { readonly effect: 'forbidden'; readonly reason: 'not_a_member' | 'not_a_leader' | 'no_band_in_path' };

/**
 * Tenant isolation and roles at the edge. A route naming a band (`{bandId}`) is open to its members only; a
 * leader route (its key is in `leaderRoutes`) to the band's leaders only. A leader route without a band in
 * the path fails closed.
 *
 * @example decideRouteAccess({ identity, routeKey: 'GET /api/auth/bands/{bandId}/members',
 *   bandId: 'b1', leaderRoutes: new Set() })
 */
export const decideRouteAccess = (input: {
  readonly identity: Identity | null;
  readonly routeKey: string;
  readonly bandId: string | undefined;
  readonly leaderRoutes: ReadonlySet<string>;
}): AccessDecision => {
  const { identity, routeKey, bandId, leaderRoutes } = input;
  if (!identity) return { effect: 'unauthenticated' };
  const needsLeader = leaderRoutes.has(routeKey);
  if (bandId === undefined) {
    return needsLeader ? { effect: 'forbidden', reason: 'no_band_in_path' } : { effect: 'allow', identity };
  }
  const membership = identity.memberships.find((m) => m.bandId === bandId);
  if (!membership) return { effect: 'forbidden', reason: 'not_a_member' };
  if (needsLeader && membership.role !== 'leader') return { effect: 'forbidden', reason: 'not_a_leader' };
  return { effect: 'allow', identity };
};
