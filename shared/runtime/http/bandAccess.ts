import type { Role } from '../../contracts/bandVocabulary.ts';
import type { Identity } from '../../contracts/identity.ts';
import { ForbiddenError, UnauthorizedError } from '../errors/requestErrors.ts';

/**
 * The caller's identity, or 401 when the route was reached without one.
 *
 * @example
 * ```ts
 * const identity = requireIdentity(req);
 * ```
 */
export const requireIdentity = (req: { readonly identity: Identity | null }): Identity => {
  if (!req.identity) throw new UnauthorizedError();
  return req.identity;
};

/**
 * Checks that `identity` belongs to `bandId` with at least `role` (a leader is also a member) and returns
 * the role held; 401 without identity, 403 otherwise. Band data is tenant data: every band route calls this.
 *
 * @example
 * ```ts
 * requireBandRole(req.identity, req.path.bandId, 'leader');
 * ```
 */
export const requireBandRole = (identity: Identity | null, bandId: string, role: Role): Role => {
  if (!identity) throw new UnauthorizedError();
  const membership = identity.memberships.find((m) => m.bandId === bandId);
  if (!membership) throw new ForbiddenError(`You are not a member of band ${bandId}`);
  if (role === 'leader' && membership.role !== 'leader') {
    throw new ForbiddenError(`Only a leader of band ${bandId} can do this`);
  }
  return membership.role;
};
