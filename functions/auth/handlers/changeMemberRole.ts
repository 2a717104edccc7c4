import { httpHandler, requireBandRole, requireIdentity } from '../../../shared/runtime/index.ts';
import { changeMemberRole, requireCurrentRole } from '../useCases/bandMembership.ts';
import { authDependencies } from '../wiring/authDependencies.ts';
import { MemberPath, RoleChangeBody } from './requestSchemas.ts';

/** `PATCH /api/auth/bands/{bandId}/members/{userId}` — a leader changes a member's role. */
export const handler = httpHandler({
  path: MemberPath,
  body: RoleChangeBody,
  handle: async (req) => {
    const deps = authDependencies();
    const identity = requireIdentity(req);
    requireBandRole(identity, req.path.bandId, 'leader');
    await requireCurrentRole(deps, req.path.bandId, identity.userId, 'leader');
    return {
      body: await changeMemberRole(deps, {
        ...req.path,
        role: req.body.role,
        changedBy: identity.userId,
        correlationId: req.correlationId,
      }),
    };
  },
});
