import { isIgnoredLibraryName } from '../../domain/ignoredNames.ts';
import { FOLDER_MIME_TYPE, LIBRARY_NAME_MAX, type UnplacedEntry } from '../../domain/libraryEntry.ts';
import type { DriveFile } from './driveApiShapes.ts';

/** Google's own documents, shortcuts and forms: listed, but without bytes to download. */
export const isGoogleNativeType = (mimeType: string): boolean =>
  mimeType.startsWith('application/vnd.google-apps.');

/** Why a Drive file does not become a library entry, or `null` when it does. */
export const driveFileRefusal = (file: DriveFile): 'ignored' | 'name-too-long' | null => {
  if (file.name === '' || isIgnoredLibraryName(file.name)) return 'ignored';
  return [...file.name].length > LIBRARY_NAME_MAX ? 'name-too-long' : null;
};

/**
 * A Drive file as a library entry under its parent: the bound folder itself is the top of the library, so
 * its children get `folderId: null`. Checksums are Drive's MD5, prefixed `md5:`. `parentId` overrides the
 * file's first parent when the caller knows where it found it (a listing of one folder's children).
 *
 * @example driveFileToEntry(file, boundFolderId); // { kind: 'file', fileId: file.id, folderId: null, ... }
 */
export const driveFileToEntry = (
  file: DriveFile,
  boundFolderId: string,
  parentId?: string,
): UnplacedEntry => {
  const parent = parentId ?? file.parents?.[0] ?? null;
  const folder = file.mimeType === FOLDER_MIME_TYPE;
  return {
    kind: folder ? 'folder' : 'file',
    fileId: file.id,
    name: file.name,
    folderId: parent === boundFolderId ? null : parent,
    mimeType: file.mimeType,
    sizeBytes: file.size === undefined ? 0 : Number(file.size),
    checksum: folder || file.md5Checksum === undefined ? null : `md5:${file.md5Checksum}`,
    modifiedAt: new Date(file.modifiedTime ?? 0).toISOString(),
  };
};
