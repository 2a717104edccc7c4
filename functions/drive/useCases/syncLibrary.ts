import { randomUUID } from 'node:crypto';
import type { EventToPublish } from '../../../shared/runtime/events/PublisherTypes.ts';
import type { Outbox } from '../../../shared/runtime/outbox/Outbox.ts';
import type { TransactWriteItem } from '../../../shared/runtime/storage/TransactWriteItem.ts';
import { chunkLibraryDiff, type LibraryDiffChunk } from '../domain/chunkLibraryDiff.ts';
import { diffLibrary } from '../domain/diffLibrary.ts';
import {
  CommitSupersededError,
  LibraryNotFoundError,
  SourceNotBoundError,
  SyncInProgressError,
} from '../domain/driveErrors.ts';
import type { LibraryEntry } from '../domain/libraryEntry.ts';
import { isBound, type SyncOutcome, type SyncTrigger } from '../domain/sourceRecord.ts';
import type { LibraryListing, LibrarySource } from '../providers/LibrarySource.ts';
import type { LibraryStore } from '../store/LibraryStore.ts';
import type { SourceStore } from '../store/SourceStore.ts';

/** DynamoDB's limit on the items of one transaction. */
const TRANSACTION_ITEMS = 100;

/** Items a caller may add to a sync's last transaction (`finalItems`: the changes feed's page token). */
export const SYNC_FINAL_ITEMS = 1;

/**
 * State rows and events one transaction may hold: DynamoDB's limit less the lease row, the two framing
 * events and the caller's final items (96).
 */
export const SYNC_CHUNK_CAPACITY = TRANSACTION_ITEMS - 1 - 2 - SYNC_FINAL_ITEMS;

/** A sync that has not finished within this long lost its lease (its function timed out or crashed). */
export const SYNC_LEASE_MS = 15 * 60_000;

export interface SyncLibraryDependencies {
  readonly sources: SourceStore;
  readonly library: LibraryStore;
  readonly provider: LibrarySource;
  readonly outbox: Outbox;
  readonly now: () => Date;
  readonly newSyncId?: () => string;
}

export interface SyncLibraryRequest {
  readonly bandId: string;
  readonly trigger: SyncTrigger;
  /** The user who asked (manual sync, login); `null` for schedules and change notifications. */
  readonly requestedBy: string | null;
  /**
   * The library as it is now, worked out from the stored state instead of listing the source (an incremental
   * sync: the changes feed's report applied to it). Absent: the source is listed in full (reconciliation).
   */
  readonly current?: (stored: readonly LibraryEntry[]) => Pick<LibraryListing, 'entries' | 'unsettled'>;
  /**
   * Another store's writes committed in the sync's last transaction, with its last events (at most
   * `SYNC_FINAL_ITEMS`): the changes feed's page token. If one's condition fails the sync throws
   * `CommitSupersededError`, having committed nothing of that transaction and released its lease.
   */
  readonly finalItems?: readonly TransactWriteItem[];
}

export interface SyncLibraryResult extends SyncOutcome {
  /** Paths still being written when listed: the caller lists again once they settle. */
  readonly unsettled: readonly string[];
}

/**
 * Reconciles a band's library with its source: lists the source (or applies the changes feed's report to
 * the stored state), diffs it against the stored state and
 * commits the new state with its events (`drive.file_*`, `drive.folder_created`, framed by
 * `drive.sync_started` and `drive.sync_completed`) through the outbox, in chunks that each hold their state
 * rows and events together. The stored state is the sync's mark: after a crash between chunks the next sync
 * diffs against what was committed, so nothing is announced twice or missed. One sync per band at a time (a
 * lease on the band's source row, checked by every chunk). A failure is recorded on the source (its status
 * shows it) and rethrown; `drive.sync_completed` is then not published.
 *
 * @example
 * ```ts
 * const outcome = await syncLibrary(deps, { bandId, trigger: 'manual', requestedBy: userId });
 * ```
 */
export const syncLibrary = async (
  deps: SyncLibraryDependencies,
  request: SyncLibraryRequest,
): Promise<SyncLibraryResult> => {
  const { bandId } = request;
  const finalItems = request.finalItems ?? [];
  if (finalItems.length > SYNC_FINAL_ITEMS) {
    throw new Error(`A sync's last transaction has room for ${SYNC_FINAL_ITEMS} extra item(s)`);
  }
  const source = await deps.sources.get(bandId);
  if (source === null) throw new LibraryNotFoundError();
  if (!isBound(source)) throw new SourceNotBoundError();
  const syncId = (deps.newSyncId ?? randomUUID)();
  const started = deps.now();
  const leased = await deps.sources.acquireLease(
    bandId,
    syncId,
    started.toISOString(),
    new Date(started.getTime() + SYNC_LEASE_MS).toISOString(),
  );
  if (!leased) throw new SyncInProgressError();

  try {
    const stored = await deps.library.listBand(bandId);
    const listing =
      request.current === undefined
        ? await deps.provider.list({ bandId, sourceFolderId: source.sourceFolderId }, stored)
        : request.current(stored);
    const diff = diffLibrary(bandId, stored, listing.entries);
    const chunks: LibraryDiffChunk[] = chunkLibraryDiff(diff, SYNC_CHUNK_CAPACITY);
    if (chunks.length === 0) chunks.push({ events: [], writes: [], deletes: [] });

    const outcome: SyncOutcome = {
      syncId,
      at: started.toISOString(),
      trigger: request.trigger,
      ...diff.counts,
    };
    const fileCount = diff.state.filter((entry) => entry.kind === 'file').length;
    for (const [index, chunk] of chunks.entries()) {
      const first = index === 0;
      const last = index === chunks.length - 1;
      const events: EventToPublish[] = [
        ...(first
          ? [
              {
                name: 'drive.sync_started' as const,
                data: { bandId, syncId, trigger: request.trigger, requestedBy: request.requestedBy },
              },
            ]
          : []),
        ...chunk.events,
        ...(last
          ? [
              {
                name: 'drive.sync_completed' as const,
                data: {
                  bandId,
                  syncId,
                  ...diff.counts,
                  durationMs: Math.max(0, deps.now().getTime() - started.getTime()),
                },
              },
            ]
          : []),
      ];
      await deps.outbox.commit(events, (built) =>
        deps.library.commit({
          bandId,
          syncId,
          writes: chunk.writes,
          deletes: chunk.deletes,
          events: built,
          finish: last ? { outcome, fileCount } : null,
          ...(last && finalItems.length > 0 ? { alsoWrite: finalItems } : {}),
        }),
      );
    }
    return { ...outcome, unsettled: listing.unsettled };
  } catch (error) {
    // Superseded: nothing failed, another run holds newer changes; the lease its transaction would have
    // released is released alone, and no error is recorded.
    if (error instanceof CommitSupersededError) await deps.sources.releaseLease(bandId, syncId);
    else if (!(error instanceof SyncInProgressError)) {
      await deps.sources.recordFailure(bandId, syncId, deps.now().toISOString(), failureMessage(error));
    }
    throw error;
  }
};

/** What the source status shows: the error's own words, bounded (provider errors never carry secrets). */
const failureMessage = (error: unknown): string => {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : 'Unknown failure';
  return text.slice(0, 500);
};
