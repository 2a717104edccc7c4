/** Whether a library item holds bytes or other items. */
export type LibraryEntryKind = 'file' | 'folder';

/**
 * One item of a band's library as a source lists it now (Google Drive or a folder on disk): identified,
 * placed under its parent folder, with what the drive compares to notice a change.
 */
export interface SourceEntry {
  readonly kind: LibraryEntryKind;
  /** Stable across renames and moves: Google's file id, or the id the drive gave a file on disk. */
  readonly fileId: string;
  readonly name: string;
  /** Folder names and the item's own name, joined by `/`, relative to the band's library. */
  readonly path: string;
  /** The parent folder's id; `null` for an item at the top of the library. */
  readonly folderId: string | null;
  readonly mimeType: string;
  readonly sizeBytes: number;
  /** `<algorithm>:<hex>` (`md5:` from Google, `sha256:` on disk); `null` when the source has none. */
  readonly checksum: string | null;
  /** ISO 8601, UTC. */
  readonly modifiedAt: string;
}

/** A library item as the drive stored it: what the source listed, plus the version of the last change. */
export interface LibraryEntry extends SourceEntry {
  /** 1 when first seen, then one more with every stored change. */
  readonly version: number;
}

/** A source item not yet placed: its path follows from its parent chain (see `placeEntries`). */
export type UnplacedEntry = Omit<SourceEntry, 'path'>;

/** Media type Google Drive gives folders; also what the drive records for folders on disk. */
export const FOLDER_MIME_TYPE = 'application/vnd.google-apps.folder';

/** Longest item name the library accepts (DOMAIN.md: names are up to 255 characters). */
export const LIBRARY_NAME_MAX = 255;

/** The parent part of a library path (`''` at the top). */
export const parentPathOf = (path: string): string => {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
};

/** Joins a parent path and a name (`''` + `a.pdf` → `a.pdf`). */
export const joinLibraryPath = (parent: string, name: string): string =>
  parent === '' ? name : `${parent}/${name}`;
