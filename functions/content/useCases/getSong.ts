import type { TranspositionToken } from '../../../shared/contracts/bandVocabulary.ts';
import type { SongFileView } from '../../../shared/contracts/services/contentServices.ts';
import { NotFoundError } from '../../../shared/runtime/index.ts';
import { tokensForInstruments } from '../domain/instrumentTokens.ts';
import { type MissingPart, missingPartsOfSong } from '../domain/missingParts.ts';
import { groupSongs } from '../domain/songCatalogue.ts';
import { downloadRouteOf, readViewFile, songViews } from '../domain/songViews.ts';
import { songPartitions } from '../domain/viewPlacement.ts';
import { requireMember } from './bandMembership.ts';
import type { ContentDependencies } from './ContentDependencies.ts';
import { resolveScope } from './viewScope.ts';

/** One song as the caller may see it; leaders also get every file and the parts still to write. */
export interface SongDetail {
  readonly songKey: string;
  readonly displayTitle: string;
  /** A member: their charts and the recordings. A leader: every file of the song, placeholders included. */
  readonly files: SongFileView[];
  readonly partComing: TranspositionToken[];
  /** Leaders only (null for members): per token the band reads, the parts with no chart. */
  readonly missingParts: MissingPart[] | null;
}

/** The files of one song; 404 when the caller sees nothing of it. */
export const getSong = async (
  deps: ContentDependencies,
  request: { readonly bandId: string; readonly userId: string; readonly songKey: string },
): Promise<SongDetail> => {
  const { bandId, songKey } = request;
  const member = await requireMember(deps, bandId, request.userId);
  const notFound = new NotFoundError(`Band ${bandId} has no song ${songKey} you can see`);
  if (member.role !== 'leader') {
    const { scope, partitions } = resolveScope(member, {});
    const files = await deps.catalogue.songFiles(bandId, songKey, partitions);
    const titles = await deps.catalogue.titleOverrides(bandId, [songKey]);
    const [view] = songViews(bandId, files, scope, titles);
    if (!view) throw notFound;
    return { ...view, files: [...view.charts, ...view.audio], missingParts: null };
  }
  const [files, titles, members] = await Promise.all([
    deps.catalogue.songFiles(bandId, songKey, songPartitions()),
    deps.catalogue.titleOverrides(bandId, [songKey]),
    deps.members.members(bandId),
  ]);
  const [song] = groupSongs(files.map(readViewFile), titles);
  if (!song) throw notFound;
  const bandTokens = tokensForInstruments(members.flatMap((m) => m.instruments));
  const missingParts = missingPartsOfSong(song, bandTokens);
  return {
    songKey: song.songKey,
    displayTitle: song.title || song.songKey,
    files: song.files.map((file) => ({
      fileId: file.fileId,
      name: file.name,
      kind: file.reading.kind,
      token: file.reading.token,
      audioKind: file.reading.audioKind,
      modifiedAt: file.modifiedAt,
      downloadRoute: downloadRouteOf(bandId, file.fileId),
    })),
    partComing: missingParts.filter((p) => p.announced).map((p) => p.token),
    missingParts,
  };
};
