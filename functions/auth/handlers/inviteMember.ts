import { httpHandler, requireIdentity } from '../../../shared/runtime/index.ts';
import { inviteMember } from '../useCases/bandMembership.ts';
import { authDependencies } from '../wiring/authDependencies.ts';
import { BandPath, InvitationBody } from './requestSchemas.ts';

/** `POST /api/auth/bands/{bandId}/invitations` — a leader invites an email with a role. */
export const handler = httpHandler({
  path: BandPath,
  body: InvitationBody,
  handle: async (req) => ({
    status: 201,
    body: await inviteMember(authDependencies(), requireIdentity(req), {
      ...req.body,
      bandId: req.path.bandId,
    }),
  }),
});
