import { type FSWatcher, watch } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isTransientFileName } from './transientFileNames.ts';

/** Something happened at `relativePath` (`/`-separated, relative to the watched root). */
export type TreeEventListener = (relativePath: string) => void;

/** A watch over a whole directory tree. */
export interface TreeWatch {
  /**
   * Brings the watch up to date with the tree under `relativeDir` (after folders were created, renamed or
   * deleted there) and returns the folders it started watching, relative to the root.
   */
  resync(relativeDir: string): Promise<string[]>;
  close(): void;
}

/**
 * How to watch a tree. `native`: one `fs.watch(root, { recursive: true })` (FSEvents on macOS,
 * ReadDirectoryChangesW on Windows). `per-directory`: one non-recursive watch per folder, kept in step with
 * the tree by `resync` — on Linux, because Node 20's recursive watch there (a JavaScript layer over
 * inotify) misses every change inside a folder after that folder is renamed, and the deletion of a renamed
 * folder (checked on Node 20.20: see functions/drive/README.md).
 */
export type TreeWatchMode = 'native' | 'per-directory';

export const defaultTreeWatchMode = (): TreeWatchMode =>
  process.platform === 'linux' ? 'per-directory' : 'native';

const toRelative = (root: string, absolute: string): string =>
  path.relative(root, absolute).split(path.sep).join('/');

const watchNative = (
  root: string,
  onEvent: TreeEventListener,
  onError: (error: Error) => void,
): TreeWatch => {
  const watcher = watch(root, { recursive: true }, (_event, filename) => {
    if (filename) onEvent(String(filename).split(path.sep).join('/'));
  });
  watcher.on('error', onError);
  return { resync: async () => [], close: () => watcher.close() };
};

interface Watched {
  readonly watcher: FSWatcher;
  readonly ino: number;
}

const watchPerDirectory = async (
  root: string,
  onEvent: TreeEventListener,
  onError: (error: Error) => void,
): Promise<TreeWatch> => {
  const watched = new Map<string, Watched>(); // absolute folder path → its watch
  let closed = false;

  const unwatch = (dir: string): void => {
    for (const [watchedDir, entry] of watched) {
      if (watchedDir === dir || watchedDir.startsWith(`${dir}${path.sep}`)) {
        entry.watcher.close();
        watched.delete(watchedDir);
      }
    }
  };

  const add = (dir: string, ino: number): boolean => {
    try {
      const watcher = watch(dir, (_event, filename) => {
        const relativeDir = toRelative(root, dir);
        const name = filename ? String(filename) : '';
        onEvent(relativeDir === '' ? name : name === '' ? relativeDir : `${relativeDir}/${name}`);
      });
      // A watched folder that disappears ends its watch with an error on some systems: not a failure.
      watcher.on('error', () => {
        watcher.close();
        if (watched.get(dir)?.watcher === watcher) watched.delete(dir);
        onEvent(toRelative(root, dir));
      });
      watched.set(dir, { watcher, ino });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onError(error as Error);
      return false;
    }
  };

  const resync = async (relativeDir: string): Promise<string[]> => {
    if (closed) return [];
    const top = relativeDir === '' ? root : path.join(root, ...relativeDir.split('/'));
    // Watches whose folder is gone or is another folder now (renamed away, replaced) stop first.
    for (const [dir, entry] of [...watched]) {
      if (dir !== top && !dir.startsWith(`${top}${path.sep}`)) continue;
      const now = await stat(dir).catch(() => null);
      if (now === null || !now.isDirectory() || now.ino !== entry.ino) unwatch(dir);
    }
    const started: string[] = [];
    const pending = [top];
    for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
      const info = await stat(dir).catch(() => null);
      if (info === null || !info.isDirectory()) continue;
      // Watch first, then list: a file created in between is reported by the watch.
      if (!watched.has(dir) && add(dir, info.ino)) started.push(toRelative(root, dir));
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        if (entry.isDirectory() && !isTransientFileName(entry.name)) pending.push(path.join(dir, entry.name));
      }
    }
    return started;
  };

  await resync('');
  return {
    resync,
    close: () => {
      closed = true;
      unwatch(root);
    },
  };
};

/**
 * Watches every folder under `root` (created after the start included, once `resync` ran over them),
 * reporting paths relative to `root`.
 *
 * @example
 * ```ts
 * const tree = await watchTree('/data/library', (p) => console.log(p), console.error);
 * ```
 */
export const watchTree = async (
  root: string,
  onEvent: TreeEventListener,
  onError: (error: Error) => void,
  mode: TreeWatchMode = defaultTreeWatchMode(),
): Promise<TreeWatch> =>
  mode === 'native' ? watchNative(root, onEvent, onError) : watchPerDirectory(root, onEvent, onError);
