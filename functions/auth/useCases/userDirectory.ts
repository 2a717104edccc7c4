import type { Role } from '../../../shared/contracts/bandVocabulary.ts';
import type { AuthDependencies } from './AuthDependencies.ts';
import { type SessionGrant, userView } from './sessionGrant.ts';

/** `user_service.getUser`: who a user is, or null (no access check: for other modules). */
export const findUser = async (
  deps: AuthDependencies,
  userId: string,
): Promise<{ user: SessionGrant['user'] | null }> => {
  const user = await deps.users.getUser(userId);
  return { user: user ? userView(user) : null };
};

/** `user_service.getMembership`: the role a user holds in a band now, or null. */
export const findMembershipRole = async (
  deps: AuthDependencies,
  bandId: string,
  userId: string,
): Promise<{ role: Role | null }> => ({
  role: (await deps.bands.getMembership(bandId, userId))?.role ?? null,
});
