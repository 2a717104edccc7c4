import { httpHandler, requireBandRole, requireIdentity } from '../../../shared/runtime/index.ts';
import { inviteMember, requireCurrentRole } from '../useCases/bandMembership.ts';
import { authDependencies } from '../wiring/authDependencies.ts';
import { BandPath, InvitationBody } from './requestSchemas.ts';

/** `POST /api/auth/bands/{bandId}/invitations` — a leader invites an email with a role. */
export const handler = httpHandler({
  path: BandPath,
  body: InvitationBody,
  handle: async (req) => {
    const deps = authDependencies();
    const identity = requireIdentity(req);
    requireBandRole(identity, req.path.bandId, 'leader');
    await requireCurrentRole(deps, req.path.bandId, identity.userId, 'leader');
    return {
      status: 201,
      body: await inviteMember(deps, { ...req.body, bandId: req.path.bandId, invitedBy: identity.userId }),
    };
  },
});
