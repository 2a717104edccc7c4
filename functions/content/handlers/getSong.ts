import { httpHandler, requireBandRole } from '../../../shared/runtime/index.ts';
import { getSong } from '../useCases/getSong.ts';
import { contentDependencies } from '../wiring/contentDependencies.ts';
import { SongPath } from './requestSchemas.ts';

/** `GET /api/content/bands/{bandId}/songs/{songKey}` — the files of a song (leaders: and its missing parts). */
export const handler = httpHandler({
  path: SongPath,
  handle: async (req) => {
    requireBandRole(req.identity, req.path.bandId, 'member');
    return {
      body: await getSong(contentDependencies(), { ...req.path, userId: req.identity?.userId ?? '' }),
    };
  },
});
