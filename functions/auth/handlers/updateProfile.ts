import { httpHandler, requireIdentity } from '../../../shared/runtime/index.ts';
import { ProfileUpdate } from '../domain/profile.ts';
import { updateProfile } from '../useCases/profile.ts';
import { authDependencies } from '../wiring/authDependencies.ts';

/** `PUT /api/auth/profile` — replaces the caller's name and instruments. */
export const handler = httpHandler({
  body: ProfileUpdate,
  handle: async (req) => ({
    body: await updateProfile(authDependencies(), requireIdentity(req).userId, req.body),
  }),
});
