import { httpHandler, requireIdentity } from '../../../shared/runtime/index.ts';
import { getMe } from '../useCases/profile.ts';
import { authDependencies } from '../wiring/authDependencies.ts';

/** `GET /api/auth/me` — the caller's profile and memberships. */
export const handler = httpHandler({
  handle: async (req) => ({ body: await getMe(authDependencies(), requireIdentity(req).userId) }),
});
