import * as z from 'zod';
import { BandId } from '../../../shared/contracts/identifiers.ts';
import { httpHandler, requireBandRole } from '../../../shared/runtime/index.ts';
import { sourceStatus } from '../useCases/sourceStatus.ts';
import { driveDependencies } from '../wiring/driveDependencies.ts';

/** `GET /api/drive/bands/{bandId}/source` — where the library comes from and how its last sync went (members). */
export const handler = httpHandler({
  path: z.object({ bandId: BandId }),
  handle: async (req) => {
    requireBandRole(req.identity, req.path.bandId, 'member');
    return { body: await sourceStatus(driveDependencies(), req.path.bandId) };
  },
});
