import { httpHandler, requireBandRole } from '../../../shared/runtime/index.ts';
import { listSongs } from '../useCases/listSongs.ts';
import { contentDependencies } from '../wiring/contentDependencies.ts';
import { BandPath, SongsQuery } from './requestSchemas.ts';

/** `GET /api/content/bands/{bandId}/songs` — the caller's songs, one page. */
export const handler = httpHandler({
  path: BandPath,
  query: SongsQuery,
  handle: async (req) => {
    requireBandRole(req.identity, req.path.bandId, 'member');
    const { cursor, ...view } = req.query;
    return {
      body: await listSongs(contentDependencies(), {
        bandId: req.path.bandId,
        userId: req.identity?.userId ?? '',
        cursor: cursor ?? null,
        ...view,
      }),
    };
  },
});
