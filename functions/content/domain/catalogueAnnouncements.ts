import type { EventData } from '../../../shared/contracts/eventCatalog.ts';
import type { CatalogueDecision } from './catalogueChange.ts';
import type { CatalogueRecord } from './catalogueRecord.ts';
import { fileAudience } from './fileAudience.ts';
import { toParsedFileName } from './parsedFileName.ts';
import { songIdOf } from './songId.ts';

/** An event the catalogue publishes about a file, committed with the change it announces. */
export type CatalogueAnnouncement =
  | { readonly name: 'content.parsed'; readonly data: EventData<'content.parsed'> }
  | { readonly name: 'content.updated'; readonly data: EventData<'content.updated'> }
  | { readonly name: 'content.deleted'; readonly data: EventData<'content.deleted'> };

const songIdOfRecord = (record: CatalogueRecord): string | null =>
  record.reading.songKey === null ? null : songIdOf(record.reading.songKey);

/**
 * The events announcing a decision: a new or renamed file is `content.parsed` (what its name means now) and
 * `content.updated`; a replaced file only `content.updated`; a file that left `content.deleted`. An ignored
 * change, or the removal of a file the catalogue never held, announces nothing.
 */
export const announcementsOf = (decision: CatalogueDecision): CatalogueAnnouncement[] => {
  if (decision.kind === 'ignore') return [];
  if (decision.kind === 'remove') {
    const { previous } = decision;
    if (!previous) return [];
    return [
      {
        name: 'content.deleted',
        data: {
          bandId: previous.bandId,
          fileId: previous.fileId,
          fileName: previous.name,
          kind: previous.reading.kind,
          songId: songIdOfRecord(previous),
          token: previous.reading.token,
          ...fileAudience(previous.reading),
        },
      },
    ];
  }
  const { previous, next } = decision;
  const announcements: CatalogueAnnouncement[] = [];
  if (previous?.name !== next.name) {
    announcements.push({
      name: 'content.parsed',
      data: {
        bandId: next.bandId,
        fileId: next.fileId,
        fileName: next.name,
        parsed: toParsedFileName(next.reading),
      },
    });
  }
  announcements.push({
    name: 'content.updated',
    data: {
      bandId: next.bandId,
      fileId: next.fileId,
      fileName: next.name,
      change: previous ? 'changed' : 'added',
      kind: next.reading.kind,
      songId: songIdOfRecord(next),
      displayTitle: next.reading.title,
      token: next.reading.token,
      ...fileAudience(next.reading),
    },
  });
  return announcements;
};
