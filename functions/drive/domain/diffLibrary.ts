import type { EventData } from '../../../shared/contracts/eventCatalog.ts';
import type { LibraryEntry, SourceEntry } from './libraryEntry.ts';
import { parentPathOf } from './libraryEntry.ts';

/** An event the diff asks the drive to publish, shaped like the publisher's `EventToPublish`. */
export type LibraryEvent =
  | { readonly name: 'drive.folder_created'; readonly data: EventData<'drive.folder_created'> }
  | { readonly name: 'drive.file_added'; readonly data: EventData<'drive.file_added'> }
  | { readonly name: 'drive.file_changed'; readonly data: EventData<'drive.file_changed'> }
  | { readonly name: 'drive.file_removed'; readonly data: EventData<'drive.file_removed'> };

/** What `drive.sync_completed` reports; files only (folders are not counted). */
export interface LibraryDiffCounts {
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
  readonly unchanged: number;
}

/** The outcome of comparing a band's stored library with its source's listing. */
export interface LibraryDiff {
  /** Folders created first (parents before children), then files added, changed and removed, each by path. */
  readonly events: readonly LibraryEvent[];
  readonly counts: LibraryDiffCounts;
  /** The whole new state, by path. */
  readonly state: readonly LibraryEntry[];
  /** Entries to write: new ones and those that differ in any field (their version bumped). */
  readonly writes: readonly LibraryEntry[];
  /** Ids of stored entries the source no longer lists. */
  readonly deletes: readonly string[];
}

/** The source listed one id twice: a provider bug, refused rather than guessed around. */
export class DuplicateLibraryEntryError extends Error {
  override readonly name = 'DuplicateLibraryEntryError';
  constructor(readonly fileId: string) {
    super(`The source listed ${fileId} more than once`);
  }
}

type FileChange = EventData<'drive.file_changed'>['changes'][number];

const byPath = (a: { path: string }, b: { path: string }): number =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0;

const depthThenPath = (a: { path: string }, b: { path: string }): number =>
  a.path.split('/').length - b.path.split('/').length || byPath(a, b);

const sameFields = (a: SourceEntry, b: SourceEntry): boolean =>
  a.kind === b.kind &&
  a.name === b.name &&
  a.path === b.path &&
  a.folderId === b.folderId &&
  a.mimeType === b.mimeType &&
  a.sizeBytes === b.sizeBytes &&
  a.checksum === b.checksum &&
  a.modifiedAt === b.modifiedAt;

/**
 * What changed about one file, in the contract's words. With checksums on both sides they alone say whether
 * the bytes changed; without (Google's own documents have none) a new size or time has to count as content.
 * Another folder or another media type is `metadata`, and so is a new time with the same bytes when
 * nothing else changed.
 */
export const classifyFileChange = (before: SourceEntry, after: SourceEntry): FileChange[] => {
  const changes: FileChange[] = [];
  const comparable = before.checksum !== null && after.checksum !== null;
  const content = comparable
    ? before.checksum !== after.checksum
    : before.sizeBytes !== after.sizeBytes || before.modifiedAt !== after.modifiedAt;
  if (content) changes.push('content');
  if (before.name !== after.name) changes.push('name');
  const moved = parentPathOf(before.path) !== parentPathOf(after.path) || before.folderId !== after.folderId;
  // A new time alone is worth reporting; beside a rename (Drive stamps renames) it says nothing more.
  const retimed =
    changes.length === 0 && (before.modifiedAt !== after.modifiedAt || before.sizeBytes !== after.sizeBytes);
  if (moved || before.mimeType !== after.mimeType || retimed) changes.push('metadata');
  return changes;
};

/** The contract's `LibraryFile` for an entry. */
export const libraryFileOf = (entry: LibraryEntry): EventData<'drive.file_added'>['file'] => ({
  fileId: entry.fileId,
  name: entry.name,
  mimeType: entry.mimeType,
  sizeBytes: entry.sizeBytes,
  modifiedAt: entry.modifiedAt,
  folderId: entry.folderId,
  checksum: entry.checksum,
  path: entry.path,
  version: entry.version,
});

/**
 * Compares a band's stored library with what its source lists now, matching items by id (a rename or a move
 * keeps the id, so it is ONE `drive.file_changed`, never a removal and an addition). Pure: the caller commits
 * `writes`/`deletes` and publishes `events` together.
 *
 * Folders only ever announce their creation: the contracts have no folder rename or removal event, and a
 * renamed folder's files each report their new path (`metadata`, `previousPath`).
 *
 * @example
 * ```ts
 * const diff = diffLibrary('band-1', storedEntries, listing.entries);
 * // diff.events → [{ name: 'drive.file_added', data: { bandId: 'band-1', file: {...} } }, ...]
 * ```
 */
export const diffLibrary = (
  bandId: string,
  stored: readonly LibraryEntry[],
  current: readonly SourceEntry[],
): LibraryDiff => {
  const before = new Map(stored.map((entry) => [entry.fileId, entry]));
  const seen = new Map<string, SourceEntry>();
  const state: LibraryEntry[] = [];
  const writes: LibraryEntry[] = [];
  const folderEvents: (LibraryEvent & { path: string })[] = [];
  const added: (LibraryEvent & { path: string })[] = [];
  const changed: (LibraryEvent & { path: string })[] = [];
  let unchanged = 0;

  for (const entry of current) {
    if (seen.has(entry.fileId)) throw new DuplicateLibraryEntryError(entry.fileId);
    seen.set(entry.fileId, entry);
    const previous = before.get(entry.fileId);
    // An id that turned from file to folder (or back) is a different item to everyone downstream.
    const isNew = previous === undefined || previous.kind !== entry.kind;
    if (!isNew && sameFields(previous, entry)) {
      state.push(previous);
      if (entry.kind === 'file') unchanged++;
      continue;
    }
    const next: LibraryEntry = { ...entry, version: isNew ? 1 : previous.version + 1 };
    state.push(next);
    writes.push(next);
    if (entry.kind === 'folder') {
      if (isNew) {
        folderEvents.push({
          name: 'drive.folder_created',
          path: next.path,
          data: { bandId, folderId: next.fileId, name: next.name, parentFolderId: next.folderId },
        });
      }
    } else if (isNew) {
      added.push({ name: 'drive.file_added', path: next.path, data: { bandId, file: libraryFileOf(next) } });
    } else {
      changed.push({
        name: 'drive.file_changed',
        path: next.path,
        data: {
          bandId,
          file: libraryFileOf(next),
          previousName: previous.name === next.name ? null : previous.name,
          previousPath: previous.path === next.path ? null : previous.path,
          changes: classifyFileChange(previous, next),
        },
      });
    }
  }

  const removed: (LibraryEvent & { path: string })[] = [];
  const deletes: string[] = [];
  for (const entry of stored) {
    const survivor = seen.get(entry.fileId);
    if (survivor !== undefined && survivor.kind === entry.kind) continue;
    if (survivor === undefined) deletes.push(entry.fileId);
    if (entry.kind === 'file') {
      removed.push({
        name: 'drive.file_removed',
        path: entry.path,
        data: { bandId, fileId: entry.fileId, name: entry.name },
      });
    }
  }

  const strip = ({ path: _path, ...event }: LibraryEvent & { path: string }): LibraryEvent =>
    event as LibraryEvent;
  return {
    events: [
      ...folderEvents.sort(depthThenPath),
      ...added.sort(byPath),
      ...changed.sort(byPath),
      ...removed.sort(byPath),
    ].map(strip),
    counts: { added: added.length, changed: changed.length, removed: removed.length, unchanged },
    state: state.sort(byPath),
    writes: writes.sort(byPath),
    deletes,
  };
};
