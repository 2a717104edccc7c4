import { httpHandler, requireBandRole } from '../../../shared/runtime/index.ts';
import { OfferResponse } from '../domain/gigFields.ts';
import { answerOffer } from '../useCases/gigCommands.ts';
import { contentDependencies } from '../wiring/contentDependencies.ts';
import { GigPath } from './requestSchemas.ts';

/** `POST /api/content/bands/{bandId}/gigs/{gigId}/response` — the member accepts or declines their chair. */
export const handler = httpHandler({
  path: GigPath,
  body: OfferResponse,
  handle: async (req) => {
    requireBandRole(req.identity, req.path.bandId, 'member');
    const actor = { ...req.path, userId: req.identity?.userId ?? '' };
    return { body: await answerOffer(contentDependencies(), actor, req.body.accept) };
  },
});
