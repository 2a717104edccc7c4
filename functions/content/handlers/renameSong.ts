import { httpHandler, requireBandRole } from '../../../shared/runtime/index.ts';
import { renameSong } from '../useCases/renameSong.ts';
import { contentDependencies } from '../wiring/contentDependencies.ts';
import { SongPath, TitleOverride } from './requestSchemas.ts';

/** `PATCH /api/content/bands/{bandId}/songs/{songKey}` — the band's display title of a song (leader). */
export const handler = httpHandler({
  path: SongPath,
  body: TitleOverride,
  handle: async (req) => {
    requireBandRole(req.identity, req.path.bandId, 'leader');
    return {
      body: await renameSong(contentDependencies(), {
        ...req.path,
        userId: req.identity?.userId ?? '',
        displayTitle: req.body.displayTitle,
      }),
    };
  },
});
