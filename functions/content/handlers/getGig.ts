import { httpHandler, requireBandRole } from '../../../shared/runtime/index.ts';
import { getGig } from '../useCases/gigQueries.ts';
import { contentDependencies } from '../wiring/contentDependencies.ts';
import { GigPath } from './requestSchemas.ts';

/** `GET /api/content/bands/{bandId}/gigs/{gigId}` — the gig with the caller's parts in set order. */
export const handler = httpHandler({
  path: GigPath,
  handle: async (req) => {
    requireBandRole(req.identity, req.path.bandId, 'member');
    return { body: await getGig(contentDependencies(), { ...req.path, userId: req.identity?.userId ?? '' }) };
  },
});
