import { httpHandler, requireBandRole } from '../../../shared/runtime/index.ts';
import { deleteGig } from '../useCases/gigCommands.ts';
import { contentDependencies } from '../wiring/contentDependencies.ts';
import { GigPath } from './requestSchemas.ts';

/** `DELETE /api/content/bands/{bandId}/gigs/{gigId}` — removes a gig (leader). */
export const handler = httpHandler({
  path: GigPath,
  handle: async (req) => {
    requireBandRole(req.identity, req.path.bandId, 'leader');
    await deleteGig(contentDependencies(), { ...req.path, userId: req.identity?.userId ?? '' });
    return { status: 204 };
  },
});
