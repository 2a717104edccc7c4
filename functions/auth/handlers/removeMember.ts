import { httpHandler, requireIdentity } from '../../../shared/runtime/index.ts';
import { removeMember } from '../useCases/bandMembership.ts';
import { authDependencies } from '../wiring/authDependencies.ts';
import { MemberPath } from './requestSchemas.ts';

/** `DELETE /api/auth/bands/{bandId}/members/{userId}` — a leader removes a member. */
export const handler = httpHandler({
  path: MemberPath,
  handle: async (req) => {
    await removeMember(authDependencies(), requireIdentity(req), {
      ...req.path,
      correlationId: req.correlationId,
    });
    return { status: 204 };
  },
});
