import { httpHandler, requireIdentity } from '../../../shared/runtime/index.ts';
import { changeMemberRole } from '../useCases/bandMembership.ts';
import { authDependencies } from '../wiring/authDependencies.ts';
import { MemberPath, RoleChangeBody } from './requestSchemas.ts';

/** `PATCH /api/auth/bands/{bandId}/members/{userId}` — a leader changes a member's role. */
export const handler = httpHandler({
  path: MemberPath,
  body: RoleChangeBody,
  handle: async (req) => ({
    body: await changeMemberRole(authDependencies(), requireIdentity(req), {
      ...req.path,
      role: req.body.role,
      correlationId: req.correlationId,
    }),
  }),
});
