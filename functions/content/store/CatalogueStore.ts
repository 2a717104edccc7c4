import type { NameProblem } from '../../../shared/contracts/fileNameReading.ts';
import type { OutboxEvent } from '../../../shared/runtime/index.ts';
import type { CatalogueDecision } from '../domain/catalogueChange.ts';
import type { CatalogueRecord, StoredFile } from '../domain/catalogueRecord.ts';
import type { ViewFile } from '../domain/songViews.ts';
import type { ViewPartition } from '../domain/viewPlacement.ts';

/** A stored file and the revision its next write must find (so two deliveries racing cannot both win). */
export interface StoredFileAt {
  readonly stored: StoredFile;
  readonly revision: number;
}

/** A page of songs: every file of each song on it (in the partitions read), and where the next page starts. */
export interface SongFilesPage {
  readonly files: readonly (ViewFile & { readonly songKey: string })[];
  readonly nextAfter: string | null;
}

export interface NonconformingFile {
  readonly fileId: string;
  readonly name: string;
  readonly problems: readonly NameProblem[];
}

/** Another write to the same file won the race: read again and decide again. */
export class CatalogueWriteConflictError extends Error {
  override readonly name = 'CatalogueWriteConflictError';
}

/** The song catalogue of every band: files, their places in the views, overrides, and what did not conform. */
export interface CatalogueStore {
  file(bandId: string, fileId: string): Promise<StoredFileAt | null>;
  /**
   * Writes a decision (not `ignore`) and its events in one transaction, if the file is still at `revision`
   * (null: still unknown); otherwise throws {@link CatalogueWriteConflictError} and writes nothing.
   */
  apply(
    decision: Exclude<CatalogueDecision, { kind: 'ignore' }>,
    revision: number | null,
    events: readonly OutboxEvent[],
  ): Promise<void>;
  /** Up to `limit` whole songs of the partitions, in song-key order, after song key `after`. */
  songPage(
    bandId: string,
    partitions: readonly ViewPartition[],
    after: string | null,
    limit: number,
  ): Promise<SongFilesPage>;
  /** Every file of one song in the given partitions. */
  songFiles(bandId: string, songKey: string, partitions: readonly ViewPartition[]): Promise<ViewFile[]>;
  /** Gig documents dated `date`. */
  gigDocuments(bandId: string, date: string): Promise<ViewFile[]>;
  /** Display title overrides of these songs. */
  titleOverrides(bandId: string, songKeys: readonly string[]): Promise<Map<string, string>>;
  setTitleOverride(
    bandId: string,
    songKey: string,
    displayTitle: string,
    events: readonly OutboxEvent[],
  ): Promise<void>;
  nonconforming(bandId: string): Promise<NonconformingFile[]>;
  /** Files newest first (by modified time), at most `scan` of them. */
  recent(bandId: string, scan: number): Promise<ViewFile[]>;
  /** Keeps the last reconciliation's counts with the event announcing them. */
  recordReconciliation(
    bandId: string,
    report: { added: number; changed: number; removed: number; unchanged: number },
    events: readonly OutboxEvent[],
  ): Promise<void>;
  /** Every file of the band present in the catalogue (reconciliation). */
  presentFiles(bandId: string): Promise<CatalogueRecord[]>;
  /** Puts bands on the reconciliation schedule's list (a band already there keeps its last reconciliation). */
  noteBands(bandIds: readonly string[]): Promise<void>;
  /** When a band was last reconciled (whether or not it had drifted). */
  markReconciled(bandId: string, at: string): Promise<void>;
  /** Up to `limit` bands on the list not reconciled since `before`, the longest waiting (or never done) first. */
  bandsToReconcile(before: string, limit: number): Promise<string[]>;
}
