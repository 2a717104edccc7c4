import * as z from 'zod';
import { BandId } from '../../../shared/contracts/identifiers.ts';
import { httpHandler, requireIdentity } from '../../../shared/runtime/index.ts';
import { readDashboard } from '../useCases/readDashboard.ts';
import { dashboardDependencies } from '../wiring/dashboardDependencies.ts';

/** `GET /api/dashboard?bandId=` — the caller's prepared dashboard of a band (default band when omitted). */
export const handler = httpHandler({
  query: z.object({ bandId: BandId.optional() }).strict(),
  handle: async (req) => ({
    body: await readDashboard(dashboardDependencies(), requireIdentity(req), req.query.bandId),
  }),
});
