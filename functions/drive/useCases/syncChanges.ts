import { applyLibraryChanges, type LibraryChangeSet } from '../domain/applyLibraryChanges.ts';
import { CommitSupersededError } from '../domain/driveErrors.ts';
import { removalsFromFormerBands } from '../domain/removalsFromFormerBands.ts';
import { isBound, type SyncTrigger } from '../domain/sourceRecord.ts';
import { type DriveChanges, PageTokenRefusedError } from '../providers/DriveChanges.ts';
import type { ChangeFeedStore } from '../store/ChangeFeedStore.ts';
import { type SyncLibraryDependencies, syncLibrary } from './syncLibrary.ts';

/** What the drive needs to follow Google Drive's changes feed. */
export interface SyncChangesDependencies extends SyncLibraryDependencies {
  readonly changes: DriveChanges;
  readonly feed: ChangeFeedStore;
}

/** What one run did. */
export interface SyncChangesReport {
  /** `incremental`: read from the stored page token; `full`: no usable token, every library listed. */
  readonly mode: 'incremental' | 'full';
  /** Bands whose library was synced, in order. */
  readonly synced: readonly string[];
  /** Bands whose sync failed (busy or broken): the page token was not moved past their changes. */
  readonly failed: readonly string[];
  /** Bound folders Google reports trashed, deleted or unshared. */
  readonly lostFolders: readonly string[];
}

/** Thrown when some bands could not take the feed's changes: the token stays, the next read repeats them. */
export class ChangesNotAppliedError extends Error {
  override readonly name = 'ChangesNotAppliedError';
  constructor(readonly bands: readonly string[]) {
    super(`The changes of ${bands.length} band(s) were not applied; the page token was kept`);
  }
}

/** Pages of changes a run goes through before it stops (each batch is already up to 20 pages). */
const MAX_BATCHES = 10;

/**
 * Brings every Google Drive library up to date from the service account's changes feed: reads from the
 * persisted page token, sorts each change into the band whose bound folder is its ancestor, applies each
 * band's changes to its stored state (`syncLibrary` with `current`, so events go through the outbox like a
 * full sync's), removes files that moved to another band's folder or out of every library from the band
 * that held them (a band gaining a folder is listed in full instead: the feed does not name the folder's
 * contents), and only then moves the token on. A band that fails keeps the token where it was (the
 * next read applies the same changes again; applying them twice changes nothing), and the run throws.
 * Without a token, or with one Google refuses, it takes a new start token and lists every library in full.
 *
 * @example
 * ```ts
 * const report = await syncChanges(deps, 'webhook');
 * ```
 */
export const syncChanges = async (
  deps: SyncChangesDependencies,
  trigger: SyncTrigger,
): Promise<SyncChangesReport> => {
  const account = await deps.changes.account();
  const bound = (await deps.sources.listAll()).filter(
    (source) => isBound(source) && source.sourceFolderId !== null,
  );
  const bindings = new Map(bound.map((source) => [source.sourceFolderId as string, source.bandId]));
  const stored = await deps.feed.pageToken(account);
  if (stored === null)
    return fullSync(
      deps,
      account,
      null,
      bound.map((s) => s.bandId),
      trigger,
    );

  let token = stored;
  const synced: string[] = [];
  const lostFolders = new Set<string>();
  for (let batches = 0; batches < MAX_BATCHES; batches++) {
    let batch: Awaited<ReturnType<DriveChanges['read']>>;
    try {
      batch = await deps.changes.read(token, bindings);
    } catch (error) {
      if (!(error instanceof PageTokenRefusedError)) throw error;
      await deps.feed.resetPageToken(account);
      return fullSync(
        deps,
        account,
        null,
        bound.map((s) => s.bandId),
        trigger,
      );
    }
    for (const folderId of batch.lostFolders) lostFolders.add(folderId);
    const holders = await deps.library.holdersOf([...batch.currentBandOf.keys()]);
    const perBand = mergeRemovals(batch.byBand, removalsFromFormerBands(batch.currentBandOf, holders));
    const bands = [...perBand];
    const failed: string[] = [];
    let superseded = false;
    for (const [index, [bandId, changes]] of bands.entries()) {
      // The feed names a folder that arrives, not what it holds: a band gaining a folder is listed in full.
      const gainsFolder = changes.upserts.some(
        (entry) => entry.kind === 'folder' && holders.get(entry.fileId) !== bandId,
      );
      // The batch's last transaction moves the token with its events, unless a band before failed: then
      // the token stays, so the next read brings that band's changes again.
      const movesToken = index === bands.length - 1 && failed.length === 0;
      try {
        await syncLibrary(deps, {
          bandId,
          trigger,
          requestedBy: null,
          ...(gainsFolder
            ? {}
            : {
                current: (stored) => ({
                  entries: applyLibraryChanges(stored, changes).placed,
                  unsettled: [],
                }),
              }),
          ...(movesToken
            ? {
                finalItems: [
                  deps.feed.pageTokenWrite(account, token, batch.resumeFrom, deps.now().toISOString()),
                ],
              }
            : {}),
        });
        synced.push(bandId);
      } catch (error) {
        // Another reader moved the token first: this transaction was cancelled whole (no event, no token),
        // and that reader applied these changes or later ones.
        if (error instanceof CommitSupersededError) superseded = true;
        // Recorded on the band's source by syncLibrary; the token stays so the changes come again.
        else failed.push(bandId);
      }
    }
    if (failed.length > 0) throw new ChangesNotAppliedError(failed);
    // No band had anything to commit: the token moves alone.
    const moved =
      bands.length === 0
        ? await deps.feed.savePageToken(account, token, batch.resumeFrom, deps.now().toISOString())
        : !superseded;
    // Another reader moved the token first: it applied these changes or later ones, so stop here.
    if (!moved || batch.complete) break;
    token = batch.resumeFrom;
  }
  return { mode: 'incremental', synced, failed: [], lostFolders: [...lostFolders] };
};

/**
 * Lists every bound library in full, then stores the start token taken before the listings, so that a change
 * made during them is read again next time (harmless) rather than missed.
 */
const fullSync = async (
  deps: SyncChangesDependencies,
  account: string,
  expected: string | null,
  bandIds: readonly string[],
  trigger: SyncTrigger,
): Promise<SyncChangesReport> => {
  const start = await deps.changes.startPageToken();
  const synced: string[] = [];
  const failed: string[] = [];
  for (const bandId of bandIds) {
    try {
      await syncLibrary(deps, { bandId, trigger, requestedBy: null });
      synced.push(bandId);
    } catch {
      failed.push(bandId);
    }
  }
  // A band that failed keeps its lastError, and the polling schedule reconciles it again; the feed can start.
  await deps.feed.savePageToken(account, expected, start, deps.now().toISOString());
  return { mode: 'full', synced, failed, lostFolders: [] };
};

const mergeRemovals = (
  byBand: ReadonlyMap<string, LibraryChangeSet>,
  former: ReadonlyMap<string, readonly string[]>,
): Map<string, LibraryChangeSet> => {
  const merged = new Map(byBand);
  for (const [bandId, removals] of former) {
    const current = merged.get(bandId) ?? { upserts: [], removals: [] };
    merged.set(bandId, { upserts: current.upserts, removals: [...current.removals, ...removals] });
  }
  return merged;
};
