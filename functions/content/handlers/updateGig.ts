import { httpHandler, requireBandRole } from '../../../shared/runtime/index.ts';
import { GigDetailsPatch } from '../domain/gigFields.ts';
import { updateGig } from '../useCases/gigCommands.ts';
import { contentDependencies } from '../wiring/contentDependencies.ts';
import { GigPath } from './requestSchemas.ts';

/** `PATCH /api/content/bands/{bandId}/gigs/{gigId}` — edits a gig's details (leader). */
export const handler = httpHandler({
  path: GigPath,
  body: GigDetailsPatch,
  handle: async (req) => {
    requireBandRole(req.identity, req.path.bandId, 'leader');
    return {
      body: await updateGig(
        contentDependencies(),
        { ...req.path, userId: req.identity?.userId ?? '' },
        req.body,
      ),
    };
  },
});
