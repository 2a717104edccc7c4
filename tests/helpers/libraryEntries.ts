import {
  FOLDER_MIME_TYPE,
  type LibraryEntry,
  parentPathOf,
  type SourceEntry,
} from '../../functions/drive/domain/libraryEntry.ts';

/** A library file for tests: name from the path, a PDF with a checksum, at the top unless a folder is given. */
export const fileEntry = (
  fileId: string,
  path: string,
  overrides: Partial<LibraryEntry> = {},
): LibraryEntry => ({
  kind: 'file',
  fileId,
  name: path.slice(path.lastIndexOf('/') + 1),
  path,
  folderId: null,
  mimeType: 'application/pdf',
  sizeBytes: 1000,
  checksum: `sha256:${fileId}`,
  modifiedAt: '2026-11-24T10:00:00.000Z',
  version: 1,
  ...overrides,
});

/** A library folder for tests. */
export const folderEntry = (
  fileId: string,
  path: string,
  overrides: Partial<LibraryEntry> = {},
): LibraryEntry => ({
  kind: 'folder',
  fileId,
  name: path.slice(path.lastIndexOf('/') + 1),
  path,
  folderId: null,
  mimeType: FOLDER_MIME_TYPE,
  sizeBytes: 0,
  checksum: null,
  modifiedAt: '2026-11-24T10:00:00.000Z',
  version: 1,
  ...overrides,
});

/** The source's view of a stored entry (no version). */
export const asSource = ({ version: _version, ...entry }: LibraryEntry): SourceEntry => entry;

/** Entries under folders get their `folderId` from the folder at their parent path. */
export const linkFolders = (entries: readonly LibraryEntry[]): LibraryEntry[] => {
  const folders = new Map(entries.filter((e) => e.kind === 'folder').map((e) => [e.path, e.fileId]));
  return entries.map((entry) => ({ ...entry, folderId: folders.get(parentPathOf(entry.path)) ?? null }));
};
