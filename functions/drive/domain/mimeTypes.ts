/** Media types of the extensions a band library holds (DOMAIN.md: charts, audio, gig documents). */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  wma: 'audio/x-ms-wma',
  mid: 'audio/midi',
  midi: 'audio/midi',
  musicxml: 'application/vnd.recordare.musicxml+xml',
  mxl: 'application/vnd.recordare.musicxml',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** What a file with no known extension is. */
export const UNKNOWN_MIME_TYPE = 'application/octet-stream';

/**
 * The media type of a file on disk, from its extension (case-insensitive). Google Drive reports its own;
 * a folder has none, so the drive derives one.
 *
 * @example mimeTypeForName('AllOfMe_Bb.PDF'); // 'application/pdf'
 */
export const mimeTypeForName = (name: string): string => {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return UNKNOWN_MIME_TYPE;
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? UNKNOWN_MIME_TYPE;
};
