import { httpHandler, requireBandRole } from '../../../shared/runtime/index.ts';
import { Personnel } from '../domain/gigFields.ts';
import { setPersonnel } from '../useCases/gigCommands.ts';
import { contentDependencies } from '../wiring/contentDependencies.ts';
import { GigPath } from './requestSchemas.ts';

/** `PUT /api/content/bands/{bandId}/gigs/{gigId}/personnel` — chairs offered to members (leader). */
export const handler = httpHandler({
  path: GigPath,
  body: Personnel,
  handle: async (req) => {
    requireBandRole(req.identity, req.path.bandId, 'leader');
    const actor = { ...req.path, userId: req.identity?.userId ?? '' };
    return { body: await setPersonnel(contentDependencies(), actor, req.body.chairs) };
  },
});
