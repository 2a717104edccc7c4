import { createHash } from 'node:crypto';
import { createReadStream, type Dirent, type Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { FOLDER_SETTLE_MS } from '../../../../shared/folderWatch/folderSettling.ts';
import { runBounded } from '../../../../shared/runtime/websocket/runBounded.ts';
import { isIgnoredLibraryName } from '../../domain/ignoredNames.ts';
import { FOLDER_MIME_TYPE, joinLibraryPath, LIBRARY_NAME_MAX } from '../../domain/libraryEntry.ts';
import { mimeTypeForName } from '../../domain/mimeTypes.ts';
import type { ScannedItem } from '../../domain/resolveFolderIdentities.ts';
import type { RefusedItem } from '../LibrarySource.ts';
import { isInside } from './libraryFolders.ts';

/** What the drive knew of a file at a path: enough to skip hashing it again when it did not change. */
export interface KnownFile {
  readonly sizeBytes: number;
  readonly modifiedAt: string;
  readonly checksum: string | null;
}

export interface ScanOptions {
  /** The stored files by path: a file with the same size and time keeps its checksum without being read. */
  readonly known?: ReadonlyMap<string, KnownFile>;
  /** A file changed more recently than this is still being written. @default FOLDER_SETTLE_MS */
  readonly settleMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
  /** Files stat'ed or hashed at once. @default 8 */
  readonly concurrency?: number;
}

export interface FolderScan {
  /** By path. */
  readonly items: readonly ScannedItem[];
  readonly refused: readonly RefusedItem[];
  /** Files changed within the settle time: known ones are listed as known, new ones left out. */
  readonly unsettled: readonly string[];
  /** Files read to compute their checksum (the rest reused the stored one). */
  readonly hashed: number;
}

const sha256Of = (file: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(`sha256:${hash.digest('hex')}`));
  });

const isGone = (error: unknown): boolean => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

/** A directory entry with what the walk learned about it. */
type Found =
  | { readonly kind: 'folder'; readonly path: string; readonly name: string; readonly stats: Stats }
  | {
      readonly kind: 'file';
      readonly path: string;
      readonly name: string;
      readonly full: string;
      readonly stats: Stats;
    }
  | { readonly kind: 'refused'; readonly refused: RefusedItem }
  | null;

/**
 * Lists a band's library folder with size, time and SHA-256 of every file, subfolders included. Noise
 * (`isIgnoredLibraryName`) is skipped; a symlink is followed only when its real path stays inside the
 * library and points to a file (a symlinked folder could loop or duplicate the tree), otherwise it is
 * reported refused. A file whose size and time match what the drive stored keeps its stored checksum, so a
 * reconciliation of an unchanged library reads metadata only. A missing band folder is an empty library.
 *
 * @example
 * ```ts
 * const scan = await scanLibraryFolder('/data/library/band-1', { known: storedByPath });
 * ```
 */
export const scanLibraryFolder = async (bandDir: string, options: ScanOptions = {}): Promise<FolderScan> => {
  const known = options.known ?? new Map<string, KnownFile>();
  const settleMs = options.settleMs ?? FOLDER_SETTLE_MS;
  const now = options.now ?? Date.now;
  const concurrency = options.concurrency ?? 8;
  let realRoot: string;
  try {
    realRoot = await realpath(bandDir);
  } catch (error) {
    if (isGone(error)) return { items: [], refused: [], unsettled: [], hashed: 0 };
    throw error;
  }

  const items: ScannedItem[] = [];
  const refused: RefusedItem[] = [];
  const unsettled: string[] = [];
  const toHash: { item: ScannedItem; full: string; index: number }[] = [];

  const examine = async (dir: string, entry: Dirent): Promise<Found> => {
    const relative = joinLibraryPath(dir, entry.name);
    if (isIgnoredLibraryName(entry.name)) return null;
    if ([...entry.name].length > LIBRARY_NAME_MAX)
      return { kind: 'refused', refused: { path: relative, reason: 'name-too-long' } };
    const full = path.join(realRoot, ...relative.split('/'));
    try {
      if (entry.isSymbolicLink()) {
        const target = await realpath(full);
        if (!isInside(realRoot, target) || target === realRoot) {
          return { kind: 'refused', refused: { path: relative, reason: 'outside-library' } };
        }
        const stats = await stat(target);
        if (stats.isDirectory())
          return { kind: 'refused', refused: { path: relative, reason: 'symlinked-folder' } };
        return stats.isFile()
          ? { kind: 'file', path: relative, name: entry.name, full: target, stats }
          : null;
      }
      if (entry.isDirectory())
        return { kind: 'folder', path: relative, name: entry.name, stats: await stat(full) };
      if (entry.isFile())
        return { kind: 'file', path: relative, name: entry.name, full, stats: await stat(full) };
      return null; // sockets, FIFOs, devices: not library material
    } catch (error) {
      // Gone between readdir and stat (deleted or renamed meanwhile): the next scan sees where it went.
      if (isGone(error)) return null;
      return { kind: 'refused', refused: { path: relative, reason: 'unreadable' } };
    }
  };

  const folders = [''];
  for (let dir = folders.pop(); dir !== undefined; dir = folders.pop()) {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(realRoot, ...dir.split('/').filter(Boolean)), {
        withFileTypes: true,
      });
    } catch (error) {
      if (isGone(error)) continue;
      refused.push({ path: dir, reason: 'unreadable' });
      continue;
    }
    const found = await runBounded(entries, concurrency, (entry) => examine(dir, entry));
    for (const thing of found) {
      if (thing === null) continue;
      if (thing.kind === 'refused') {
        refused.push(thing.refused);
        continue;
      }
      const modifiedAt = thing.stats.mtime.toISOString();
      if (thing.kind === 'folder') {
        folders.push(thing.path);
        items.push({
          kind: 'folder',
          path: thing.path,
          name: thing.name,
          mimeType: FOLDER_MIME_TYPE,
          sizeBytes: 0,
          checksum: null,
          modifiedAt,
        });
        continue;
      }
      const previous = known.get(thing.path);
      if (now() - thing.stats.mtimeMs < settleMs) {
        unsettled.push(thing.path);
        if (previous !== undefined) {
          items.push({
            kind: 'file',
            path: thing.path,
            name: thing.name,
            mimeType: mimeTypeForName(thing.name),
            ...previous,
          });
        }
        continue;
      }
      const item: ScannedItem = {
        kind: 'file',
        path: thing.path,
        name: thing.name,
        mimeType: mimeTypeForName(thing.name),
        sizeBytes: thing.stats.size,
        modifiedAt,
        checksum:
          previous !== undefined &&
          previous.sizeBytes === thing.stats.size &&
          previous.modifiedAt === modifiedAt
            ? previous.checksum
            : null,
      };
      if (item.checksum === null) toHash.push({ item, full: thing.full, index: items.length });
      items.push(item);
    }
  }

  const hashes = await runBounded(toHash, concurrency, async ({ full }) => {
    try {
      return await sha256Of(full);
    } catch (error) {
      if (isGone(error)) return null;
      throw error;
    }
  });
  const gone = new Set<number>();
  toHash.forEach(({ item, index }, i) => {
    const checksum = hashes[i] ?? null;
    if (checksum === null) gone.add(index);
    else items[index] = { ...item, checksum };
  });
  const listed = gone.size === 0 ? items : items.filter((_, index) => !gone.has(index));
  listed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { items: listed, refused, unsettled, hashed: toHash.length };
};
