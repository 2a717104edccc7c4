import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { FOLDER_QUIET_MS, FOLDER_SETTLE_MS } from './folderSettling.ts';
import { isTransientFileName } from './transientFileNames.ts';
import { type TreeWatch, type TreeWatchMode, watchTree } from './treeWatch.ts';

export interface SettledFolderWatcherOptions {
  /** The watched root (created if missing); each folder directly in it is reported on its own. */
  readonly rootDir: string;
  /** Called with a top folder's name once something under it changed and every file touched has settled. */
  readonly onFolderChanged: (folder: string) => void;
  /** Which top folder names are reported (others are not watched for). @default every name */
  readonly acceptsFolder?: (folder: string) => boolean;
  /** A folder is looked at once no event came for it for this long (a copy of many files is one change). @default FOLDER_QUIET_MS */
  readonly quietMs?: number;
  /** A file written more recently than this is still being written; it is awaited. @default FOLDER_SETTLE_MS */
  readonly settleMs?: number;
  /** Watch errors (a folder the process may not read, the system's watch limit). @default ignored */
  readonly onError?: (error: Error) => void;
  /** @default native on macOS and Windows, per-directory on Linux (see `treeWatch.ts`) */
  readonly mode?: TreeWatchMode;
}

interface Pending {
  /** Paths relative to the root, touched since the band was last reported. */
  readonly touched: Set<string>;
  timer: NodeJS.Timeout | null;
  running: boolean;
  /** Events came while a settle check ran: wait for quiet again instead of reporting. */
  dirty: boolean;
}

/**
 * Watches a root folder and says "top folder X changed" once the change is over: after `quietMs` without
 * events under X, and once every file touched is older than `settleMs` (a file still being copied keeps X
 * waiting). Editors' and browsers' temporary files (`isTransientFileName`) do not count as changes; their
 * final rename does. The embedded platform runs one per `folderTriggers` declaration (drive's band
 * libraries: X is a band id) and invokes the declared handler with X.
 *
 * @example
 * ```ts
 * const watcher = await SettledFolderWatcher.start({ rootDir, onFolderChanged: (bandId) => sync(bandId) });
 * // ...
 * watcher.close();
 * ```
 */
export class SettledFolderWatcher {
  private readonly pending = new Map<string, Pending>();
  private tree: TreeWatch | null = null;
  private closed = false;

  private constructor(private readonly options: SettledFolderWatcherOptions) {}

  static async start(options: SettledFolderWatcherOptions): Promise<SettledFolderWatcher> {
    await mkdir(options.rootDir, { recursive: true });
    const watcher = new SettledFolderWatcher(options);
    watcher.tree = await watchTree(
      options.rootDir,
      (relative) => watcher.noticed(relative),
      (error) => options.onError?.(error),
      options.mode,
    );
    return watcher;
  }

  close(): void {
    this.closed = true;
    for (const pending of this.pending.values()) if (pending.timer !== null) clearTimeout(pending.timer);
    this.pending.clear();
    this.tree?.close();
  }

  private get quietMs(): number {
    return this.options.quietMs ?? FOLDER_QUIET_MS;
  }

  private get settleMs(): number {
    return this.options.settleMs ?? FOLDER_SETTLE_MS;
  }

  private noticed(relative: string): void {
    if (this.closed) return;
    const segments = relative.split('/');
    const bandId = segments[0] ?? '';
    if (bandId === '' || isTransientFileName(bandId)) return;
    if (this.options.acceptsFolder && !this.options.acceptsFolder(bandId)) return;
    if (segments.slice(1).some(isTransientFileName)) return;
    const pending = this.pending.get(bandId) ?? {
      touched: new Set<string>(),
      timer: null,
      running: false,
      dirty: false,
    };
    this.pending.set(bandId, pending);
    pending.touched.add(relative);
    if (pending.running) pending.dirty = true;
    else this.schedule(bandId, pending, this.quietMs);
  }

  private schedule(bandId: string, pending: Pending, delayMs: number): void {
    if (pending.timer !== null) clearTimeout(pending.timer);
    pending.timer = setTimeout(() => {
      pending.timer = null;
      void this.settle(bandId, pending);
    }, delayMs);
  }

  private async settle(bandId: string, pending: Pending): Promise<void> {
    if (this.closed) return;
    pending.running = true;
    pending.dirty = false;
    try {
      // New folders get watched now; their files, possibly written before the watch, are checked too.
      for (const folder of (await this.tree?.resync(bandId)) ?? []) {
        for (const entry of await readdir(this.absolute(folder), { withFileTypes: true }).catch(() => [])) {
          if (entry.isFile() && !isTransientFileName(entry.name))
            pending.touched.add(`${folder}/${entry.name}`);
        }
      }
      let waitUntil = 0;
      for (const relative of [...pending.touched]) {
        const info = await stat(this.absolute(relative)).catch(() => null);
        const settlesAt = info?.isFile() ? info.mtimeMs + this.settleMs : 0;
        if (settlesAt > Date.now()) waitUntil = Math.max(waitUntil, settlesAt);
        else pending.touched.delete(relative);
      }
      if (this.closed) return;
      if (pending.dirty) {
        this.schedule(bandId, pending, this.quietMs);
        return;
      }
      if (waitUntil > 0) {
        this.schedule(bandId, pending, Math.max(10, waitUntil - Date.now()));
        return;
      }
      this.pending.delete(bandId);
      this.options.onFolderChanged(bandId);
    } catch (error) {
      this.options.onError?.(error as Error);
    } finally {
      pending.running = false;
    }
  }

  private absolute(relative: string): string {
    return path.join(this.options.rootDir, ...relative.split('/'));
  }
}
