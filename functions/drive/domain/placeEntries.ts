import type { SourceEntry, UnplacedEntry } from './libraryEntry.ts';
import { joinLibraryPath } from './libraryEntry.ts';

/** Entries with their paths, and those whose parent chain does not reach the top of the library. */
export interface PlacedEntries {
  /** By path. */
  readonly placed: SourceEntry[];
  /** Their parent is missing (removed, moved out, not listed) or the chain loops: not in the library. */
  readonly orphans: UnplacedEntry[];
}

/**
 * Gives each entry its path by following `folderId` up to the top of the library (`null`). An entry whose
 * chain breaks is an orphan, and so is everything under it: when Google reports only that a folder left the
 * library, its contents leave with it.
 *
 * @example
 * ```ts
 * placeEntries([folder('f1', 'Charts', null), file('a', 'AllOfMe_Bb.pdf', 'f1')]).placed.map((e) => e.path);
 * // ['Charts', 'Charts/AllOfMe_Bb.pdf']
 * ```
 */
export const placeEntries = (entries: readonly UnplacedEntry[]): PlacedEntries => {
  const byId = new Map(entries.map((entry) => [entry.fileId, entry]));
  const paths = new Map<string, string | null>();

  const pathOf = (entry: UnplacedEntry): string | null => {
    // Walk up iteratively (libraries can be deep) to a known path, the top, or a break; then fill back down.
    const chain: UnplacedEntry[] = [];
    const onChain = new Set<string>();
    let cursor: UnplacedEntry = entry;
    let parentPath: string | null;
    for (;;) {
      const known = paths.get(cursor.fileId);
      if (known !== undefined) {
        if (chain.length === 0) return known;
        parentPath = known;
        break;
      }
      if (onChain.has(cursor.fileId)) {
        parentPath = null;
        break;
      }
      chain.push(cursor);
      onChain.add(cursor.fileId);
      if (cursor.folderId === null) {
        parentPath = '';
        break;
      }
      const parent = byId.get(cursor.folderId);
      if (parent === undefined || parent.kind !== 'folder') {
        parentPath = null;
        break;
      }
      cursor = parent;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const link = chain[i] as UnplacedEntry;
      parentPath = parentPath === null ? null : joinLibraryPath(parentPath, link.name);
      paths.set(link.fileId, parentPath);
    }
    return parentPath;
  };

  const placed: SourceEntry[] = [];
  const orphans: UnplacedEntry[] = [];
  for (const entry of entries) {
    const path = pathOf(entry);
    if (path === null) orphans.push(entry);
    else placed.push({ ...entry, path });
  }
  placed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { placed, orphans };
};
