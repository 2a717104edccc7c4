import type { LibraryEntry, UnplacedEntry } from '../../domain/libraryEntry.ts';
import { joinLibraryPath } from '../../domain/libraryEntry.ts';
import { placeEntries } from '../../domain/placeEntries.ts';
import type {
  LibraryBinding,
  LibraryDownload,
  LibraryListing,
  LibrarySource,
  RefusedItem,
} from '../LibrarySource.ts';
import { DriveFileNotDownloadableError, DriveRequestError } from './driveErrors.ts';
import { driveFileRefusal, driveFileToEntry, isGoogleNativeType } from './driveFileToEntry.ts';
import type { GoogleDriveClient } from './GoogleDriveClient.ts';

/** Folders listed at once: enough to hide latency, few enough to stay well inside the token bucket. */
const LISTING_CONCURRENCY = 4;

/** A binding without a folder is a configuration error of the caller, not a Drive failure. */
export class UnboundLibraryError extends Error {
  override readonly name = 'UnboundLibraryError';
  constructor(readonly bandId: string) {
    super(`Band ${bandId} has no Google Drive folder bound to it`);
  }
}

const folderOf = (binding: LibraryBinding): string => {
  if (binding.sourceFolderId === null) throw new UnboundLibraryError(binding.bandId);
  return binding.sourceFolderId;
};

/**
 * A band's library in Google Drive: the folder its leader shared with the platform's service account, and
 * everything under it. A full listing walks the folders breadth-first with `files.list` (trashed items
 * excluded, every page); it is the reconciliation path, the changes feed ({@link GoogleDriveChangeFeed}) the
 * everyday one.
 *
 * @example
 * ```ts
 * const source = new GoogleDriveLibrarySource(client);
 * const listing = await source.list({ bandId: 'band-1', sourceFolderId: '1AbC' }, stored);
 * ```
 */
export class GoogleDriveLibrarySource implements LibrarySource {
  constructor(private readonly client: GoogleDriveClient) {}

  async list(binding: LibraryBinding, _stored: readonly LibraryEntry[]): Promise<LibraryListing> {
    const root = folderOf(binding);
    const entries = new Map<string, UnplacedEntry>();
    const refusedUnder: { parentId: string; name: string; reason: RefusedItem['reason'] }[] = [];
    const queue: string[] = [root];
    const listFolder = async (folderId: string): Promise<void> => {
      let pageToken: string | null = null;
      do {
        const page = await this.client.listChildren(folderId, pageToken);
        for (const file of page.items) {
          const refusal = driveFileRefusal(file);
          if (refusal === 'ignored' || entries.has(file.id)) continue;
          if (refusal !== null) {
            refusedUnder.push({ parentId: folderId, name: file.name, reason: refusal });
            continue;
          }
          const entry = driveFileToEntry(file, root, folderId);
          entries.set(file.id, entry);
          if (entry.kind === 'folder') queue.push(file.id);
        }
        pageToken = page.nextPageToken;
      } while (pageToken !== null);
    };
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) await listFolder(next);
    };
    // Workers that find the queue empty stop; those still listing may add folders, so run until all idle.
    while (queue.length > 0) {
      await Promise.all(Array.from({ length: Math.min(LISTING_CONCURRENCY, queue.length) }, worker));
    }
    const { placed } = placeEntries([...entries.values()]);
    const pathById = new Map(placed.map((entry) => [entry.fileId, entry.path]));
    const refused = refusedUnder.map(({ parentId, name, reason }) => ({
      path: joinLibraryPath(parentId === root ? '' : (pathById.get(parentId) ?? ''), name),
      reason,
    }));
    return { entries: placed, refused, unsettled: [] };
  }

  async download(
    _binding: LibraryBinding,
    entry: Pick<LibraryEntry, 'fileId' | 'path' | 'mimeType'>,
  ): Promise<LibraryDownload> {
    if (isGoogleNativeType(entry.mimeType))
      throw new DriveFileNotDownloadableError(entry.fileId, entry.mimeType);
    try {
      return await this.client.download(entry.fileId);
    } catch (error) {
      if (error instanceof DriveRequestError && error.reason === 'fileNotDownloadable') {
        throw new DriveFileNotDownloadableError(entry.fileId, entry.mimeType);
      }
      throw error;
    }
  }
}
