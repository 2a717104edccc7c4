import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { LibraryEntry } from '../../domain/libraryEntry.ts';
import { mimeTypeForName } from '../../domain/mimeTypes.ts';
import { resolveFolderIdentities } from '../../domain/resolveFolderIdentities.ts';
import type { LibraryBinding, LibraryDownload, LibraryListing, LibrarySource } from '../LibrarySource.ts';
import { LibraryFileMissingError } from './folderErrors.ts';
import { bandLibraryDir, resolveInsideLibrary } from './libraryFolders.ts';
import { scanLibraryFolder } from './scanLibraryFolder.ts';

export interface FolderLibrarySourceOptions {
  /** The libraries' root: band `b`'s library is `<rootDir>/b/`. */
  readonly rootDir: string;
  /** Ids for items seen for the first time. @default randomUUID */
  readonly newId?: () => string;
  /** See `scanLibraryFolder`. @default 300 */
  readonly settleMs?: number;
  readonly now?: () => number;
}

/**
 * A band's library as a folder on disk (the embedded platform): `<rootDir>/<bandId>/` and its subfolders.
 * A folder keeps no ids, so the drive's stored state does: `list` matches the scan against it (same path,
 * or a rename/move with the same bytes, keeps the id) and reuses stored checksums for unchanged files.
 *
 * @example
 * ```ts
 * const source = new FolderLibrarySource({ rootDir: '.soleil/library' });
 * const listing = await source.list({ bandId: 'band-1', sourceFolderId: null }, stored);
 * ```
 */
export class FolderLibrarySource implements LibrarySource {
  private readonly newId: () => string;

  constructor(private readonly options: FolderLibrarySourceOptions) {
    this.newId = options.newId ?? randomUUID;
  }

  /** The folder of a band's library. */
  bandDir(bandId: string): string {
    return bandLibraryDir(this.options.rootDir, bandId);
  }

  async list(binding: LibraryBinding, stored: readonly LibraryEntry[]): Promise<LibraryListing> {
    const known = new Map(
      stored
        .filter((entry) => entry.kind === 'file')
        .map((entry) => [
          entry.path,
          { sizeBytes: entry.sizeBytes, modifiedAt: entry.modifiedAt, checksum: entry.checksum },
        ]),
    );
    const scan = await scanLibraryFolder(this.bandDir(binding.bandId), {
      known,
      ...(this.options.settleMs === undefined ? {} : { settleMs: this.options.settleMs }),
      ...(this.options.now === undefined ? {} : { now: this.options.now }),
    });
    return {
      entries: resolveFolderIdentities(stored, scan.items, this.newId),
      refused: scan.refused,
      unsettled: scan.unsettled,
    };
  }

  async download(
    binding: LibraryBinding,
    entry: Pick<LibraryEntry, 'fileId' | 'path' | 'mimeType'>,
  ): Promise<LibraryDownload> {
    const file = await resolveInsideLibrary(this.bandDir(binding.bandId), entry.path);
    const stats = await stat(file);
    if (!stats.isFile()) throw new LibraryFileMissingError(entry.path);
    return {
      body: createReadStream(file),
      sizeBytes: stats.size,
      mimeType: mimeTypeForName(entry.path.slice(entry.path.lastIndexOf('/') + 1)),
    };
  }
}
