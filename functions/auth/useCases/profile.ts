import { NotFoundError } from '../../../shared/runtime/index.ts';
import type { ProfileUpdate } from '../domain/profile.ts';
import type { AuthDependencies } from './AuthDependencies.ts';
import { currentIdentity, userView } from './sessionGrant.ts';

/** `GET /api/auth/me`: the profile and current memberships (from the store, fresher than the token). */
export const getMe = async (deps: AuthDependencies, userId: string) => {
  const user = await deps.users.getUser(userId);
  if (!user) throw new NotFoundError('Your account no longer exists');
  const identity = await currentIdentity(deps, user);
  return { user: userView(user), memberships: identity.memberships };
};

/** `PUT /api/auth/profile`: replaces name and instruments (validated against the DOMAIN list). */
export const updateProfile = async (deps: AuthDependencies, userId: string, update: ProfileUpdate) => {
  const user = await deps.users.updateProfile(userId, update);
  if (!user) throw new NotFoundError('Your account no longer exists');
  return { user: userView(user) };
};
