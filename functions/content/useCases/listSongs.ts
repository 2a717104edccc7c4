import type { SongView } from '../../../shared/contracts/services/contentServices.ts';
import { BadRequestError } from '../../../shared/runtime/index.ts';
import { decodeSongCursor, encodeSongCursor } from '../domain/songCursor.ts';
import { songViews } from '../domain/songViews.ts';
import { requireMember } from './bandMembership.ts';
import type { ContentDependencies } from './ContentDependencies.ts';
import { resolveScope, type ViewRequest } from './viewScope.ts';

export interface ListSongsRequest extends ViewRequest {
  readonly bandId: string;
  readonly userId: string;
  readonly cursor: string | null;
  readonly limit: number;
}

/**
 * One page of the caller's songs (the route and `content_service.memberView`): one query per partition the view
 * reads (a token, or what every member sees) and one batch read of title overrides, whatever the library's size.
 */
export const listSongs = async (
  deps: ContentDependencies,
  request: ListSongsRequest,
): Promise<{ songs: SongView[]; nextCursor: string | null }> => {
  const member = await requireMember(deps, request.bandId, request.userId);
  const { scope, partitions } = resolveScope(member, request);
  const after = request.cursor === null ? null : decodeSongCursor(request.cursor);
  if (request.cursor !== null && after === null) throw new BadRequestError('This cursor was not issued here');
  const page = await deps.catalogue.songPage(request.bandId, partitions, after, request.limit);
  const titles = await deps.catalogue.titleOverrides(
    request.bandId,
    page.files.map((f) => f.songKey),
  );
  return {
    songs: songViews(request.bandId, page.files, scope, titles),
    nextCursor: page.nextAfter === null ? null : encodeSongCursor(page.nextAfter),
  };
};
