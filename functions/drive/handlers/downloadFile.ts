import * as z from 'zod';
import { BandId, EntityId } from '../../../shared/contracts/identifiers.ts';
import { httpHandler, requireBandRole } from '../../../shared/runtime/index.ts';
import { fileDownloadLink } from '../useCases/fileDownloadLink.ts';
import { driveDependencies } from '../wiring/driveDependencies.ts';

/** `GET /api/drive/bands/{bandId}/files/{fileId}/download` — a 5-minute link to the file's bytes (members). */
export const handler = httpHandler({
  path: z.object({ bandId: BandId, fileId: EntityId }),
  handle: async (req) => {
    requireBandRole(req.identity, req.path.bandId, 'member');
    return {
      body: await fileDownloadLink(driveDependencies(), req.path),
      headers: { 'cache-control': 'no-store' },
    };
  },
});
