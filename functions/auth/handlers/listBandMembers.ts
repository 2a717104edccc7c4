import { httpHandler, requireBandRole, requireIdentity } from '../../../shared/runtime/index.ts';
import { listBandMembers, requireCurrentRole } from '../useCases/bandMembership.ts';
import { authDependencies } from '../wiring/authDependencies.ts';
import { BandPath } from './requestSchemas.ts';

/** `GET /api/auth/bands/{bandId}/members` — a band's members, for its members only. */
export const handler = httpHandler({
  path: BandPath,
  handle: async (req) => {
    const deps = authDependencies();
    const identity = requireIdentity(req);
    requireBandRole(identity, req.path.bandId, 'member');
    await requireCurrentRole(deps, req.path.bandId, identity.userId, 'member');
    return { body: { members: await listBandMembers(deps, req.path.bandId) } };
  },
});
