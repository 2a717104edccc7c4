import type { SourceEntry, UnplacedEntry } from './libraryEntry.ts';
import { type PlacedEntries, placeEntries } from './placeEntries.ts';

/** What a changes feed reported about one band's library since the last page token. */
export interface LibraryChangeSet {
  /** Items that changed and are in the library now, each under its parent (`null` at the top). */
  readonly upserts: readonly UnplacedEntry[];
  /** Ids that left the library (deleted, trashed, moved out); ids the library never held are ignored. */
  readonly removals: readonly string[];
}

/**
 * The library as it is after a change set: the known items with the changes applied, every path worked out
 * again from the parent chain. A renamed folder therefore moves its whole subtree, and a folder that left
 * takes its contents with it (they come back as orphans) although the feed named only the folder. The
 * result goes to `diffLibrary` like a full listing would.
 *
 * @example
 * ```ts
 * const next = applyLibraryChanges(storedEntries, { upserts: [renamedFolder], removals: [] });
 * const diff = diffLibrary(bandId, storedEntries, next.placed);
 * ```
 */
export const applyLibraryChanges = (
  known: readonly SourceEntry[],
  changes: LibraryChangeSet,
): PlacedEntries => {
  const byId = new Map<string, UnplacedEntry>();
  for (const { path: _path, ...entry } of known) byId.set(entry.fileId, entry);
  for (const entry of changes.upserts) byId.set(entry.fileId, entry);
  for (const fileId of changes.removals) byId.delete(fileId);
  return placeEntries([...byId.values()]);
};
