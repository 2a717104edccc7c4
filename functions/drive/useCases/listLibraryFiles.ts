import * as z from 'zod';
import type { LibraryFile } from '../../../shared/contracts/events/driveEvents.ts';
import { libraryFileOf } from '../domain/diffLibrary.ts';
import { InvalidLibraryCursorError, LibraryNotFoundError } from '../domain/driveErrors.ts';
import type { DriveDependencies } from './DriveDependencies.ts';

const CursorContent = z.object({ bandId: z.string().min(1), after: z.string().min(1).max(1024) }).strict();

/** The band is in the cursor, so that one band's position is refused in another band's listing. */
const encodeCursor = (bandId: string, after: string): string =>
  Buffer.from(JSON.stringify({ bandId, after })).toString('base64url');

const decodeCursor = (bandId: string, cursor: string): string => {
  let content: z.infer<typeof CursorContent>;
  try {
    content = CursorContent.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidLibraryCursorError();
  }
  if (content.bandId !== bandId) throw new InvalidLibraryCursorError();
  return content.after;
};

/** One page of a band's files in file-id order (`library_service.listFiles`). */
export const listLibraryFiles = async (
  deps: Pick<DriveDependencies, 'sources' | 'library'>,
  request: { readonly bandId: string; readonly cursor: string | null; readonly limit: number },
): Promise<{ files: LibraryFile[]; nextCursor: string | null }> => {
  if ((await deps.sources.get(request.bandId)) === null) throw new LibraryNotFoundError();
  const after = request.cursor === null ? null : decodeCursor(request.bandId, request.cursor);
  const page = await deps.library.pageFiles(request.bandId, after, request.limit);
  return {
    files: page.files.map(libraryFileOf),
    nextCursor: page.lastFileId === null ? null : encodeCursor(request.bandId, page.lastFileId),
  };
};
