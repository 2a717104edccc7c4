import type { Readable } from 'node:stream';
import type { LibraryEntry, SourceEntry } from '../domain/libraryEntry.ts';

/** Which library: the band, and for Google Drive the folder the band's leader shared and bound. */
export interface LibraryBinding {
  readonly bandId: string;
  /** The bound Google Drive folder's id; `null` for a folder on disk (the band's folder is found by its id). */
  readonly sourceFolderId: string | null;
}

/** An item the source holds but the library refuses, reported so that nothing disappears silently. */
export interface RefusedItem {
  readonly path: string;
  readonly reason: 'outside-library' | 'symlinked-folder' | 'name-too-long' | 'unreadable';
}

/** A full listing of a band's library, for reconciliation (`diffLibrary`). */
export interface LibraryListing {
  readonly entries: readonly SourceEntry[];
  readonly refused: readonly RefusedItem[];
  /**
   * Paths still being written (changed within the settle time): a stored entry there is listed as stored,
   * a new one is left out. List again once they settle.
   */
  readonly unsettled: readonly string[];
}

/** A file's bytes. */
export interface LibraryDownload {
  readonly body: Readable;
  /** From the source; `null` when it did not say (read the stream to the end). */
  readonly sizeBytes: number | null;
  readonly mimeType: string;
}

/**
 * Where a band's library lives: Google Drive in production, a folder on disk on the embedded platform. Both
 * list the whole library and hand out a file's bytes; how each notices changes differs (Google's changes
 * feed and push channels, a file-system watcher) and lives beside each provider.
 */
export interface LibrarySource {
  /** Every item of the library now. `stored` is the drive's state, for sources that need it (ids, checksums). */
  list(binding: LibraryBinding, stored: readonly LibraryEntry[]): Promise<LibraryListing>;
  /** The bytes of a stored file. */
  download(
    binding: LibraryBinding,
    entry: Pick<LibraryEntry, 'fileId' | 'path' | 'mimeType'>,
  ): Promise<LibraryDownload>;
}
