import * as z from 'zod';
import { BandId } from '../../../shared/contracts/identifiers.ts';
import { httpHandler, requireBandRole, requireIdentity } from '../../../shared/runtime/index.ts';
import { syncLibrary } from '../useCases/syncLibrary.ts';
import { driveDependencies } from '../wiring/driveDependencies.ts';

/** `POST /api/drive/bands/{bandId}/sync` — a full reconciliation of the band's library now (leaders). */
export const handler = httpHandler({
  path: z.object({ bandId: BandId }),
  handle: async (req) => {
    requireBandRole(req.identity, req.path.bandId, 'leader');
    const { unsettled, ...outcome } = await syncLibrary(driveDependencies(), {
      bandId: req.path.bandId,
      trigger: 'manual',
      requestedBy: requireIdentity(req).userId,
    });
    return { body: { ...outcome, stillBeingWritten: unsettled.length } };
  },
});
