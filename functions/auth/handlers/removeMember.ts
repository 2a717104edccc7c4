import { httpHandler, requireBandRole, requireIdentity } from '../../../shared/runtime/index.ts';
import { removeMember, requireCurrentRole } from '../useCases/bandMembership.ts';
import { authDependencies } from '../wiring/authDependencies.ts';
import { MemberPath } from './requestSchemas.ts';

/** `DELETE /api/auth/bands/{bandId}/members/{userId}` — a leader removes a member. */
export const handler = httpHandler({
  path: MemberPath,
  handle: async (req) => {
    const deps = authDependencies();
    const identity = requireIdentity(req);
    requireBandRole(identity, req.path.bandId, 'leader');
    await requireCurrentRole(deps, req.path.bandId, identity.userId, 'leader');
    await removeMember(deps, { ...req.path, removedBy: identity.userId, correlationId: req.correlationId });
    return { status: 204 };
  },
});
