import { LibraryFileNotFoundError, LibraryNotFoundError } from '../domain/driveErrors.ts';
import type { FileLink } from '../providers/FileLinks.ts';
import type { DriveDependencies } from './DriveDependencies.ts';

/**
 * A short-lived link to a library file's bytes. The caller's membership of the band is checked by the
 * handler; the file is looked up in that band's library only, so another band's file id is not found.
 */
export const fileDownloadLink = async (
  deps: Pick<DriveDependencies, 'sources' | 'library' | 'provider' | 'links'>,
  request: { readonly bandId: string; readonly fileId: string },
): Promise<FileLink & { readonly fileId: string; readonly name: string; readonly mimeType: string }> => {
  const source = await deps.sources.get(request.bandId);
  if (source === null) throw new LibraryNotFoundError();
  const entry = await deps.library.getItem(request.bandId, request.fileId);
  if (entry === null || entry.kind !== 'file') throw new LibraryFileNotFoundError();
  const link = await deps.links.linkTo(request.bandId, entry, () =>
    deps.provider.download({ bandId: request.bandId, sourceFolderId: source.sourceFolderId }, entry),
  );
  return { ...link, fileId: entry.fileId, name: entry.name, mimeType: entry.mimeType };
};
