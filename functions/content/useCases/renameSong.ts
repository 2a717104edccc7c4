import { NotFoundError } from '../../../shared/runtime/index.ts';
import { songIdOf } from '../domain/songId.ts';
import { songPartitions } from '../domain/viewPlacement.ts';
import { requireLeader } from './bandMembership.ts';
import type { ContentDependencies } from './ContentDependencies.ts';

/** A leader sets the band's display title of a song; `content.metadata_changed` commits with it. */
export const renameSong = async (
  deps: ContentDependencies,
  request: {
    readonly bandId: string;
    readonly userId: string;
    readonly songKey: string;
    readonly displayTitle: string;
  },
): Promise<{ songKey: string; displayTitle: string }> => {
  const { bandId, songKey, displayTitle } = request;
  await requireLeader(deps, bandId, request.userId);
  const files = await deps.catalogue.songFiles(bandId, songKey, songPartitions());
  if (files.length === 0) throw new NotFoundError(`Band ${bandId} has no song ${songKey}`);
  await deps.outbox.commit(
    [
      {
        name: 'content.metadata_changed',
        data: { bandId, songId: songIdOf(songKey), changes: { displayTitle }, changedBy: request.userId },
      },
    ],
    (events) => deps.catalogue.setTitleOverride(bandId, songKey, displayTitle, events),
  );
  return { songKey, displayTitle };
};
