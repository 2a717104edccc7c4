import type { Role } from '../../../shared/contracts/bandVocabulary.ts';
import type { Identity } from '../../../shared/contracts/identity.ts';
import { ForbiddenError, requireBandRole } from '../../../shared/runtime/index.ts';
import type { AuthDependencies } from './AuthDependencies.ts';

/**
 * The one role check of every band use case: the token must show the role (cheap, and what the authorizer
 * promised), and the store must still hold it — a token lives 15 minutes, and a removed member or demoted
 * leader must lose access at once. Returns the role held now; 403 otherwise.
 */
export const requireCurrentRole = async (
  deps: AuthDependencies,
  actor: Identity,
  bandId: string,
  needed: Role,
): Promise<Role> => {
  requireBandRole(actor, bandId, needed);
  const membership = await deps.bands.getMembership(bandId, actor.userId);
  if (!membership) throw new ForbiddenError(`You are not a member of band ${bandId}`);
  if (needed === 'leader' && membership.role !== 'leader') {
    throw new ForbiddenError(`Only a leader of band ${bandId} can do this`);
  }
  return membership.role;
};
