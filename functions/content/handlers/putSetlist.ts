import { httpHandler, requireBandRole } from '../../../shared/runtime/index.ts';
import { Setlist } from '../domain/gigFields.ts';
import { setSetlist } from '../useCases/gigCommands.ts';
import { contentDependencies } from '../wiring/contentDependencies.ts';
import { GigPath } from './requestSchemas.ts';

/** `PUT /api/content/bands/{bandId}/gigs/{gigId}/setlist` — the sets of songs, in order (leader). */
export const handler = httpHandler({
  path: GigPath,
  body: Setlist,
  handle: async (req) => {
    requireBandRole(req.identity, req.path.bandId, 'leader');
    const actor = { ...req.path, userId: req.identity?.userId ?? '' };
    return { body: await setSetlist(contentDependencies(), actor, req.body.sets) };
  },
});
