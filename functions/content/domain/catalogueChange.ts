import type { LibraryFile } from '../../../shared/contracts/events/driveEvents.ts';
import type { CatalogueRecord, ChangeStamp, StoredFile } from './catalogueRecord.ts';
import { stampOf } from './catalogueRecord.ts';
import { isNewerChange } from './changeOrder.ts';
import { readFileName } from './readFileName.ts';

/** A drive event as the catalogue sees it: a file is now like this, or it is gone. */
export type DriveChange =
  | {
      readonly kind: 'upsert';
      readonly bandId: string;
      readonly file: LibraryFile;
      readonly occurredAt: string;
    }
  | {
      readonly kind: 'remove';
      readonly bandId: string;
      readonly fileId: string;
      readonly occurredAt: string;
    };

/** What to do with a drive change, given what the catalogue holds for the file. */
export type CatalogueDecision =
  | { readonly kind: 'ignore' }
  | { readonly kind: 'upsert'; readonly previous: CatalogueRecord | null; readonly next: CatalogueRecord }
  | {
      readonly kind: 'remove';
      readonly bandId: string;
      readonly fileId: string;
      readonly previous: CatalogueRecord | null;
      readonly stamp: ChangeStamp;
    };

const stampOfChange = (change: DriveChange): ChangeStamp =>
  change.kind === 'upsert'
    ? {
        removal: false,
        version: change.file.version ?? null,
        modifiedAt: change.file.modifiedAt,
        occurredAt: change.occurredAt,
      }
    : { removal: true, version: null, modifiedAt: null, occurredAt: change.occurredAt };

/** The record a file becomes: its name read once here (the views re-read it, with the same reader). */
export const recordOf = (bandId: string, file: LibraryFile, stamp: ChangeStamp): CatalogueRecord => ({
  bandId,
  fileId: file.fileId,
  name: file.name,
  path: file.path ?? null,
  mimeType: file.mimeType,
  sizeBytes: file.sizeBytes,
  modifiedAt: file.modifiedAt,
  reading: readFileName(file.name),
  stamp,
});

/**
 * Decides a drive change against the stored file. A stale or repeated change is ignored (see `isNewerChange`);
 * `changed` for an unknown file is an upsert (its `added` may still be on the way, or was lost); a removal of an
 * unknown file still leaves its mark, so the `added` that arrives after it stays dead.
 */
export const decideCatalogueChange = (stored: StoredFile | null, change: DriveChange): CatalogueDecision => {
  const stamp = stampOfChange(change);
  if (stored && !isNewerChange(stamp, stampOf(stored))) return { kind: 'ignore' };
  const previous = stored?.state === 'present' ? stored.record : null;
  if (change.kind === 'remove') {
    return { kind: 'remove', bandId: change.bandId, fileId: change.fileId, previous, stamp };
  }
  return { kind: 'upsert', previous, next: recordOf(change.bandId, change.file, stamp) };
};
