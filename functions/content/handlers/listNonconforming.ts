import { httpHandler, requireBandRole } from '../../../shared/runtime/index.ts';
import { listNonconforming } from '../useCases/listNonconforming.ts';
import { contentDependencies } from '../wiring/contentDependencies.ts';
import { BandPath } from './requestSchemas.ts';

/** `GET /api/content/bands/{bandId}/nonconforming` — names that broke the naming rules, with why (leader). */
export const handler = httpHandler({
  path: BandPath,
  handle: async (req) => {
    requireBandRole(req.identity, req.path.bandId, 'leader');
    return {
      body: await listNonconforming(contentDependencies(), {
        ...req.path,
        userId: req.identity?.userId ?? '',
      }),
    };
  },
});
