import * as z from 'zod';
import { BandId } from '../../../shared/contracts/identifiers.ts';
import { httpHandler, requireBandRole, requireIdentity } from '../../../shared/runtime/index.ts';
import { bindSource } from '../useCases/bindSource.ts';
import { driveDependencies } from '../wiring/driveDependencies.ts';

/** A Google Drive file id: letters, digits, `-` and `_`. */
const GoogleFolderId = z.string().regex(/^[A-Za-z0-9_-]{10,200}$/, 'must be a Google Drive folder id');

/** `PUT /api/drive/bands/{bandId}/source` — binds the band's library to its source folder (leaders). */
export const handler = httpHandler({
  path: z.object({ bandId: BandId }),
  body: z.object({ folderId: GoogleFolderId.nullable().optional() }).strict(),
  handle: async (req) => {
    requireBandRole(req.identity, req.path.bandId, 'leader');
    return {
      body: await bindSource(driveDependencies(), {
        bandId: req.path.bandId,
        folderId: req.body.folderId ?? null,
        userId: requireIdentity(req).userId,
      }),
    };
  },
});
