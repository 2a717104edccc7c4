import type { ParsedFileName } from '../../../shared/contracts/events/contentEvents.ts';
import type { FileNameReading } from '../../../shared/contracts/fileNameReading.ts';
import { songIdOf } from './songId.ts';

/** The `parsed` payload of `content.parsed` for a reading: what consumers of the event learn about the name. */
export const toParsedFileName = (reading: FileNameReading): ParsedFileName => ({
  kind: reading.kind,
  songId: reading.songKey === null ? null : songIdOf(reading.songKey),
  songTitle: reading.songTitle,
  displayTitle: reading.title,
  token: reading.token,
  audioKind: reading.audioKind,
  gigDate: reading.gigDate,
  gigName: reading.gigName,
  extension: reading.extension,
  conforming: reading.problems.length === 0,
  issues: reading.problems.map((p) => p.message),
  songKey: reading.songKey,
  placeholder: reading.placeholder,
});
