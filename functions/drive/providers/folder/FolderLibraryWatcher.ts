import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { EntityId } from '../../../../shared/contracts/identifiers.ts';
import { isIgnoredLibraryName } from '../../domain/ignoredNames.ts';
import { type TreeWatch, type TreeWatchMode, watchTree } from './treeWatch.ts';

export interface FolderLibraryWatcherOptions {
  /** The libraries' root: band `b`'s library is `<rootDir>/b/` (created if missing). */
  readonly rootDir: string;
  /** Called once a band's library changed and every file touched has settled. */
  readonly onBandChanged: (bandId: string) => void;
  /** A band is looked at once no event came for it for this long (a copy of many files is one change). @default 150 */
  readonly quietMs?: number;
  /** A file written more recently than this is still being written; it is awaited. @default 300 */
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
 * Watches the libraries' root of the embedded platform and says "band X's library changed" once the
 * change is over: after `quietMs` without events for the band, and once every file touched is older than
 * `settleMs` (a file still being copied keeps its band waiting). Editors' and browsers' temporary files
 * (`isIgnoredLibraryName`) do not count as changes; their final rename does. The caller then lists the
 * band (`FolderLibrarySource.list`) and diffs; a listing that still reports `unsettled` paths is listed
 * again later.
 *
 * @example
 * ```ts
 * const watcher = await FolderLibraryWatcher.start({ rootDir, onBandChanged: (bandId) => sync(bandId) });
 * // ...
 * watcher.close();
 * ```
 */
export class FolderLibraryWatcher {
  private readonly pending = new Map<string, Pending>();
  private tree: TreeWatch | null = null;
  private closed = false;

  private constructor(private readonly options: FolderLibraryWatcherOptions) {}

  static async start(options: FolderLibraryWatcherOptions): Promise<FolderLibraryWatcher> {
    await mkdir(options.rootDir, { recursive: true });
    const watcher = new FolderLibraryWatcher(options);
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
    return this.options.quietMs ?? 150;
  }

  private get settleMs(): number {
    return this.options.settleMs ?? 300;
  }

  private noticed(relative: string): void {
    if (this.closed) return;
    const segments = relative.split('/');
    const bandId = segments[0] ?? '';
    if (!EntityId.safeParse(bandId).success) return;
    if (segments.slice(1).some(isIgnoredLibraryName)) return;
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
          if (entry.isFile() && !isIgnoredLibraryName(entry.name))
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
      this.options.onBandChanged(bandId);
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
