import type { LibraryEntry, LibraryEntryKind, SourceEntry } from './libraryEntry.ts';
import { parentPathOf } from './libraryEntry.ts';

/** An item found on disk: everything but the ids, which a folder does not keep. */
export interface ScannedItem {
  readonly kind: LibraryEntryKind;
  /** `/`-separated, relative to the band's library. */
  readonly path: string;
  readonly name: string;
  readonly mimeType: string;
  readonly sizeBytes: number;
  readonly checksum: string | null;
  readonly modifiedAt: string;
}

const byPath = (a: { path: string }, b: { path: string }): number =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0;

/** How well a vanished file fits a new one with the same bytes: same name (moved) beats same folder (renamed). */
const closeness = (vanished: LibraryEntry, appeared: ScannedItem): number =>
  (vanished.name === appeared.name ? 2 : 0) +
  (parentPathOf(vanished.path) === parentPathOf(appeared.path) ? 1 : 0);

/** Pairs of (old folder path, new folder path) that a file move implies: `A/x/f` → `B/x/f` says A→B, A/x→B/x. */
const impliedFolderRenames = (from: string, to: string): [string, string][] => {
  const a = from.split('/');
  const b = to.split('/');
  const pairs: [string, string][] = [];
  let i = a.length - 1;
  let j = b.length - 1;
  // Walk back over the common tail; every differing prefix above a shared tail is a candidate rename.
  while (i > 0 && j > 0 && a[i] === b[j]) {
    pairs.push([a.slice(0, i).join('/'), b.slice(0, j).join('/')]);
    i--;
    j--;
  }
  return pairs;
};

/**
 * Gives every item of a folder scan an id. A folder on disk has no ids, so the drive keeps them in its
 * state: an item at a stored path keeps its id; a file that vanished from one path while a file with the same
 * bytes appeared at another in the same scan was renamed or moved and keeps its id too (a rename is one
 * change, as on Google Drive); a folder whose files all moved to a new folder was renamed and keeps its id.
 * Everything else is new and gets `newId()`.
 *
 * Empty files are never paired: they all share one checksum, so a match would be a guess.
 *
 * @example
 * ```ts
 * // stored: f-1 at Charts/AllOfMe_Bb.pdf; on disk now: Charts/All_Of_Me_Bb.pdf with the same bytes
 * resolveFolderIdentities(stored, scanned, randomUUID)[0]; // { fileId: 'f-1', path: 'Charts/All_Of_Me_Bb.pdf', ... }
 * ```
 */
export const resolveFolderIdentities = (
  stored: readonly LibraryEntry[],
  scanned: readonly ScannedItem[],
  newId: () => string,
): SourceEntry[] => {
  const storedAt = new Map(stored.map((entry) => [`${entry.kind}:${entry.path}`, entry]));
  const idOf = new Map<string, string>(); // `${kind}:${path}` of a scanned item → its id
  const taken = new Set<string>();

  for (const item of scanned) {
    const previous = storedAt.get(`${item.kind}:${item.path}`);
    if (previous !== undefined) {
      idOf.set(`${item.kind}:${item.path}`, previous.fileId);
      taken.add(previous.fileId);
    }
  }

  // Files: a vanished one and a new one with the same (non-empty) bytes are one file that moved.
  const vanishedByChecksum = new Map<string, LibraryEntry[]>();
  for (const entry of [...stored].sort(byPath)) {
    if (entry.kind !== 'file' || taken.has(entry.fileId) || entry.checksum === null || entry.sizeBytes === 0)
      continue;
    const list = vanishedByChecksum.get(entry.checksum) ?? [];
    list.push(entry);
    vanishedByChecksum.set(entry.checksum, list);
  }
  const folderVotes = new Map<string, number>(); // `${oldPath}\u0000${newPath}` → files that moved so
  for (const item of [...scanned].sort(byPath)) {
    const key = `file:${item.path}`;
    if (item.kind !== 'file' || idOf.has(key) || item.checksum === null || item.sizeBytes === 0) continue;
    const candidates = (vanishedByChecksum.get(item.checksum) ?? []).filter((c) => !taken.has(c.fileId));
    let best: LibraryEntry | undefined;
    for (const candidate of candidates) {
      if (best === undefined || closeness(candidate, item) > closeness(best, item)) best = candidate;
    }
    if (best === undefined) continue;
    idOf.set(key, best.fileId);
    taken.add(best.fileId);
    for (const [from, to] of impliedFolderRenames(best.path, item.path)) {
      const vote = `${from}\u0000${to}`;
      folderVotes.set(vote, (folderVotes.get(vote) ?? 0) + 1);
    }
  }

  // Folders: a vanished folder and a new one that files moved between, the most-voted pairing first.
  const vanishedFolders = new Map(
    stored.filter((e) => e.kind === 'folder' && !taken.has(e.fileId)).map((e) => [e.path, e]),
  );
  const newFolders = new Set(
    scanned.filter((s) => s.kind === 'folder' && !idOf.has(`folder:${s.path}`)).map((s) => s.path),
  );
  const ranked = [...folderVotes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [vote] of ranked) {
    const [from, to] = vote.split('\u0000') as [string, string];
    const folder = vanishedFolders.get(from);
    if (folder === undefined || taken.has(folder.fileId) || !newFolders.has(to)) continue;
    idOf.set(`folder:${to}`, folder.fileId);
    taken.add(folder.fileId);
    newFolders.delete(to);
  }

  for (const item of scanned) {
    const key = `${item.kind}:${item.path}`;
    if (!idOf.has(key)) idOf.set(key, newId());
  }
  const folderIdOf = (parent: string, path: string): string => {
    const id = idOf.get(`folder:${parent}`);
    if (id === undefined) throw new Error(`The scan lists ${path} but not its folder ${parent}`);
    return id;
  };
  return scanned
    .map((item): SourceEntry => {
      const parent = parentPathOf(item.path);
      return {
        kind: item.kind,
        fileId: idOf.get(`${item.kind}:${item.path}`) as string,
        name: item.name,
        path: item.path,
        folderId: parent === '' ? null : folderIdOf(parent, item.path),
        mimeType: item.mimeType,
        sizeBytes: item.sizeBytes,
        checksum: item.checksum,
        modifiedAt: item.modifiedAt,
      };
    })
    .sort(byPath);
};
