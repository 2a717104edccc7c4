import { httpHandler, requireBandRole } from '../../../shared/runtime/index.ts';
import { listGigs } from '../useCases/gigQueries.ts';
import { contentDependencies } from '../wiring/contentDependencies.ts';
import { BandPath, GigsQuery } from './requestSchemas.ts';

/** `GET /api/content/bands/{bandId}/gigs` — the band's gigs with the caller's offer. */
export const handler = httpHandler({
  path: BandPath,
  query: GigsQuery,
  handle: async (req) => {
    requireBandRole(req.identity, req.path.bandId, 'member');
    const actor = { ...req.path, userId: req.identity?.userId ?? '' };
    return {
      body: { gigs: await listGigs(contentDependencies(), actor, req.query.selection, req.query.limit) },
    };
  },
});
