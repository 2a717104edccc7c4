import type { EventData } from '../../../shared/contracts/eventCatalog.ts';
import { type FileContentCache, MAX_CACHED_FILE_BYTES } from '../providers/FileContentCache.ts';
import type { LibrarySource } from '../providers/LibrarySource.ts';
import type { LibraryStore } from '../store/LibraryStore.ts';
import type { SourceStore } from '../store/SourceStore.ts';

/** What copying a file's bytes into the cache needs. */
export interface CacheFileContentDependencies {
  readonly sources: Pick<SourceStore, 'get'>;
  readonly library: Pick<LibraryStore, 'getItem'>;
  readonly provider: Pick<LibrarySource, 'download'>;
  readonly cache: Pick<FileContentCache, 'ensure'>;
}

/** A drive event that may bring new bytes. */
export type LibraryContentEvent =
  | { readonly name: 'drive.file_added'; readonly data: EventData<'drive.file_added'> }
  | { readonly name: 'drive.file_changed'; readonly data: EventData<'drive.file_changed'> };

/**
 * What the copy did: `copied`; `cached` (the bytes were there: a redelivery, or a later change already
 * copied them); `no-content-change` (a rename, a move); `gone` (the file or the band left the library
 * meanwhile: nothing to copy); `no-bytes` (a Google document, which has no bytes of its own); `too-large`.
 */
export type CacheOutcome = 'copied' | 'cached' | 'no-content-change' | 'gone' | 'no-bytes' | 'too-large';

/**
 * On `drive.file_added` / `drive.file_changed` with new content: copies the file's bytes into the cache
 * under its checksum's key unless they are there already, so a download finds them. The copy follows the
 * library's stored entry, not the event: a late or redelivered event then copies what the file holds now,
 * never bytes under a checksum that is not theirs. A failure (the source unreachable, S3 refusing) throws, so
 * the subscription's queue tries again and, in the end, dead-letters; the download link still copies lazily.
 */
export const cacheFileContent = async (
  deps: CacheFileContentDependencies,
  event: LibraryContentEvent,
): Promise<CacheOutcome> => {
  if (event.name === 'drive.file_changed' && !event.data.changes.includes('content')) {
    return 'no-content-change';
  }
  const { bandId } = event.data;
  const entry = await deps.library.getItem(bandId, event.data.file.fileId);
  if (entry === null || entry.kind !== 'file') return 'gone';
  if (entry.checksum === null) return 'no-bytes';
  if (entry.sizeBytes > MAX_CACHED_FILE_BYTES) return 'too-large';
  const source = await deps.sources.get(bandId);
  if (source === null) return 'gone';
  const cached = await deps.cache.ensure(bandId, entry, () =>
    deps.provider.download({ bandId, sourceFolderId: source.sourceFolderId }, entry),
  );
  return cached.copied ? 'copied' : 'cached';
};
