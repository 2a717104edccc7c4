import { httpHandler, requireBandRole } from '../../../shared/runtime/index.ts';
import { GigDetails } from '../domain/gigFields.ts';
import { createGig } from '../useCases/gigCommands.ts';
import { contentDependencies } from '../wiring/contentDependencies.ts';
import { BandPath } from './requestSchemas.ts';

/** `POST /api/content/bands/{bandId}/gigs` — a new gig (leader). */
export const handler = httpHandler({
  path: BandPath,
  body: GigDetails,
  handle: async (req) => {
    requireBandRole(req.identity, req.path.bandId, 'leader');
    const gig = await createGig(
      contentDependencies(),
      { ...req.path, userId: req.identity?.userId ?? '' },
      req.body,
    );
    return { status: 201, body: gig };
  },
});
