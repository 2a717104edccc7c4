import type { OutboxEvent } from '../../../shared/runtime/outbox/OutboxEvent.ts';
import type { TransactWriteItem } from '../../../shared/runtime/storage/TransactWriteItem.ts';
import type { LibraryEntry } from '../domain/libraryEntry.ts';
import type { SyncOutcome } from '../domain/sourceRecord.ts';

/** One chunk of a sync to commit atomically: state rows, their events, and, on the last chunk, the outcome. */
export interface LibraryCommit {
  readonly bandId: string;
  /** The sync holding the band's lease: the commit fails if another sync took it. */
  readonly syncId: string;
  readonly writes: readonly LibraryEntry[];
  readonly deletes: readonly string[];
  readonly events: readonly OutboxEvent[];
  /** Present on the last chunk: records the outcome and releases the lease, in the same transaction. */
  readonly finish: { readonly outcome: SyncOutcome; readonly fileCount: number } | null;
  /**
   * Other stores' writes to commit in the same transaction (the changes feed's page token, with the last
   * events of its batch). If one's condition fails, nothing commits and `commit` throws
   * `CommitSupersededError`.
   */
  readonly alsoWrite?: readonly TransactWriteItem[];
}

/** One page of a band's files (folders excluded). */
export interface LibraryPage {
  readonly files: readonly LibraryEntry[];
  /** The last file id of this page, to continue after; `null` at the end. */
  readonly lastFileId: string | null;
}

/** A band's library state: what the drive last saw of each item. */
export interface LibraryStore {
  /** Every item of the band's library (files and folders). */
  listBand(bandId: string): Promise<LibraryEntry[]>;
  getItem(bandId: string, fileId: string): Promise<LibraryEntry | null>;
  /**
   * Which band holds each of these ids (a Google Drive id is in at most one library); ids no band holds are
   * absent. Eventually consistent (an index): a move committed a moment ago may not show yet.
   */
  holdersOf(fileIds: readonly string[]): Promise<Map<string, string>>;
  /** Files in file-id order, after `afterFileId`. */
  pageFiles(bandId: string, afterFileId: string | null, limit: number): Promise<LibraryPage>;
  /**
   * Commits one chunk (state, outbox, the outcome on the last, and `alsoWrite`) in one transaction; throws
   * `SyncInProgressError` if the lease is lost, `CommitSupersededError` if an `alsoWrite` condition fails.
   */
  commit(chunk: LibraryCommit): Promise<void>;
}
