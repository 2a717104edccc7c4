import type { CatalogueRecord } from '../domain/catalogueRecord.ts';
import { placementOf, type ViewPartition } from '../domain/viewPlacement.ts';

/**
 * Item keys of the catalogue table (one table, `pk`/`sk`). Per band:
 * `F#<band>` / fileId — the file record (or the mark of its removal), with its revision;
 * `V#<band>#<partition>` / `<song key or date>#<fileId>` — the file in its audience's view partition;
 * `N#<band>` / fileId — a name that does not conform; `R#<band>` / `<modifiedAt>#<fileId>` — newest first;
 * `T#<band>` / song key — the band's display title for a song; `B#` / bandId — the bands the reconciliation
 * schedule goes through, with when each was last reconciled (one partition: a few bytes per band).
 * Song keys hold only letters, digits and marks, all above `$` in UTF-8, so `#` ends a song's files and `$`
 * starts after them.
 */
export const catalogueKeys = {
  file: (bandId: string, fileId: string) => ({ pk: `F#${bandId}`, sk: fileId }),
  filesOf: (bandId: string) => `F#${bandId}`,
  view: (bandId: string, partition: ViewPartition) => `V#${bandId}#${partition}`,
  nonconforming: (bandId: string) => `N#${bandId}`,
  recent: (bandId: string) => `R#${bandId}`,
  title: (bandId: string, songKey: string) => ({ pk: `T#${bandId}`, sk: songKey }),
  bands: 'B#',
  band: (bandId: string) => ({ pk: 'B#', sk: bandId }),
};

/** The view item's key of a record. */
export const viewKeyOf = (record: CatalogueRecord): { pk: string; sk: string } => {
  const { partition, orderKey } = placementOf(record.reading);
  return { pk: catalogueKeys.view(record.bandId, partition), sk: `${orderKey}#${record.fileId}` };
};

export const recentKeyOf = (record: CatalogueRecord): { pk: string; sk: string } => ({
  pk: catalogueKeys.recent(record.bandId),
  sk: `${record.modifiedAt}#${record.fileId}`,
});

export const sameKey = (a: { pk: string; sk: string }, b: { pk: string; sk: string }): boolean =>
  a.pk === b.pk && a.sk === b.sk;

/** What a view or recent item holds: enough to show the file; its name is read again when shown. */
export const viewItemOf = (record: CatalogueRecord) => ({
  fileId: record.fileId,
  name: record.name,
  modifiedAt: record.modifiedAt,
  songKey: record.reading.songKey ?? '',
});

/** The first sort key after every file of song `songKey` (`#` < `$` < any song-key character). */
export const afterSong = (songKey: string): string => `${songKey}$`;

/** Sort keys of songs start above `$`: files with no song (`#<fileId>`) stay out of song listings. */
export const FIRST_SONG = '$';
