import type { FileNameReading } from '../../../shared/contracts/fileNameReading.ts';

/**
 * When a drive change happened, as far as content can tell: the file's version (grows by one per change drive
 * publishes), its modified time, and the time drive published the event. A removal carries no version or time
 * of its own, so only the publication time orders it against other changes.
 */
export interface ChangeStamp {
  readonly removal: boolean;
  readonly version: number | null;
  readonly modifiedAt: string | null;
  readonly occurredAt: string;
}

/** A library file in the song catalogue: what drive said about it and what its name means. */
export interface CatalogueRecord {
  readonly bandId: string;
  readonly fileId: string;
  readonly name: string;
  readonly path: string | null;
  readonly mimeType: string;
  readonly sizeBytes: number;
  readonly modifiedAt: string;
  readonly reading: FileNameReading;
  /** The stamp of the drive change this record reflects. */
  readonly stamp: ChangeStamp;
}

/** What the catalogue holds for one file id: the file, or the memory of its removal (so a late event stays dead). */
export type StoredFile =
  | { readonly state: 'present'; readonly record: CatalogueRecord }
  | {
      readonly state: 'removed';
      readonly bandId: string;
      readonly fileId: string;
      readonly stamp: ChangeStamp;
    };

/** The stamp a stored file carries. */
export const stampOf = (stored: StoredFile): ChangeStamp =>
  stored.state === 'present' ? stored.record.stamp : stored.stamp;
