import type { LibraryDiff, LibraryEvent } from './diffLibrary.ts';
import type { LibraryEntry } from './libraryEntry.ts';

/** One transaction's share of a sync: state rows and the events announcing them, which must commit together. */
export interface LibraryDiffChunk {
  readonly events: readonly LibraryEvent[];
  readonly writes: readonly LibraryEntry[];
  readonly deletes: readonly string[];
}

interface Unit {
  events: LibraryEvent[];
  writes: LibraryEntry[];
  deletes: string[];
}

const subjectOf = (event: LibraryEvent): string => {
  switch (event.name) {
    case 'drive.folder_created':
      return event.data.folderId;
    case 'drive.file_removed':
      return event.data.fileId;
    default:
      return event.data.file.fileId;
  }
};

const sizeOf = (unit: Unit): number => unit.events.length + unit.writes.length + unit.deletes.length;

/**
 * Splits a diff into chunks of at most `capacity` items (events + writes + deletes), never separating an
 * item's state row from its event: a crash between two chunks then leaves state and announcements in step,
 * and the next sync's diff carries on from what was committed. Events keep the diff's order across chunks.
 *
 * @example chunkLibraryDiff(diff, 96); // → [{ events, writes, deletes }, ...]
 */
export const chunkLibraryDiff = (diff: LibraryDiff, capacity: number): LibraryDiffChunk[] => {
  const units = new Map<string, Unit>();
  const unitOf = (id: string): Unit => {
    let unit = units.get(id);
    if (unit === undefined) {
      unit = { events: [], writes: [], deletes: [] };
      units.set(id, unit);
    }
    return unit;
  };
  // Insertion order follows the events first, so chunks publish in the diff's order.
  for (const event of diff.events) unitOf(subjectOf(event)).events.push(event);
  for (const entry of diff.writes) unitOf(entry.fileId).writes.push(entry);
  for (const id of diff.deletes) unitOf(id).deletes.push(id);

  const chunks: Unit[] = [];
  let current: Unit = { events: [], writes: [], deletes: [] };
  for (const unit of units.values()) {
    if (sizeOf(current) > 0 && sizeOf(current) + sizeOf(unit) > capacity) {
      chunks.push(current);
      current = { events: [], writes: [], deletes: [] };
    }
    current.events.push(...unit.events);
    current.writes.push(...unit.writes);
    current.deletes.push(...unit.deletes);
  }
  if (sizeOf(current) > 0) chunks.push(current);
  return chunks;
};
