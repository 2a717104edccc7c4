import * as z from 'zod';
import type { LibraryFile } from '../../../shared/contracts/events/driveEvents.ts';
import { BadRequestError } from '../../../shared/runtime/errors/requestErrors.ts';
import { libraryFileOf } from '../domain/diffLibrary.ts';
import { LibraryNotFoundError } from '../domain/driveErrors.ts';
import type { DriveDependencies } from './DriveDependencies.ts';

const CursorContent = z.object({ after: z.string().min(1).max(1024) }).strict();

const encodeCursor = (after: string): string => Buffer.from(JSON.stringify({ after })).toString('base64url');

const decodeCursor = (cursor: string): string => {
  try {
    return CursorContent.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).after;
  } catch {
    throw new BadRequestError('The cursor was not issued by library_service.listFiles');
  }
};

/** One page of a band's files in file-id order (`library_service.listFiles`). */
export const listLibraryFiles = async (
  deps: Pick<DriveDependencies, 'sources' | 'library'>,
  request: { readonly bandId: string; readonly cursor: string | null; readonly limit: number },
): Promise<{ files: LibraryFile[]; nextCursor: string | null }> => {
  if ((await deps.sources.get(request.bandId)) === null) throw new LibraryNotFoundError();
  const after = request.cursor === null ? null : decodeCursor(request.cursor);
  const page = await deps.library.pageFiles(request.bandId, after, request.limit);
  return {
    files: page.files.map(libraryFileOf),
    nextCursor: page.lastFileId === null ? null : encodeCursor(page.lastFileId),
  };
};
