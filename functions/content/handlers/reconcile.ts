import { httpHandler, requireBandRole } from '../../../shared/runtime/index.ts';
import { requireLeader } from '../useCases/bandMembership.ts';
import { reconcileBand } from '../useCases/reconcileBand.ts';
import { contentDependencies } from '../wiring/contentDependencies.ts';
import { BandPath } from './requestSchemas.ts';

/** `POST /api/content/bands/{bandId}/reconcile` — compares the catalogue with drive's library and repairs it (leader). */
export const handler = httpHandler({
  path: BandPath,
  handle: async (req) => {
    requireBandRole(req.identity, req.path.bandId, 'leader');
    const deps = contentDependencies();
    await requireLeader(deps, req.path.bandId, req.identity?.userId ?? '');
    return { body: await reconcileBand(deps, req.path.bandId, 'manual') };
  },
});
