import { httpHandler, requireIdentity } from '../../../shared/runtime/index.ts';
import { listMembersAs } from '../useCases/bandMembership.ts';
import { authDependencies } from '../wiring/authDependencies.ts';
import { BandPath } from './requestSchemas.ts';

/** `GET /api/auth/bands/{bandId}/members` — a band's members, for its members only. */
export const handler = httpHandler({
  path: BandPath,
  handle: async (req) => ({
    body: await listMembersAs(authDependencies(), requireIdentity(req), req.path.bandId),
  }),
});
