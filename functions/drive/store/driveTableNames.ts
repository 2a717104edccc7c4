/** The drive's tables (model names; the platform adds the outbox for `outbox: true`). */
export const DRIVE_TABLES = {
  /** One item per library file or folder: key `bandId` + `fileId`. */
  library: 'library',
  /** One row per band: its source, last sync, last error and sync lease. Key `bandId`. */
  sources: 'sources',
  /** Google Drive's changes feed: the page token per service account and the push channels. Key `id`. */
  changeFeed: 'change-feed',
} as const;

/** The library's index by file id alone: which band holds a file (a move between bands needs it). */
export const LIBRARY_BY_FILE_INDEX = 'byFileId';

/** The bucket caching file bytes for download links (`buckets` in the manifest). */
export const FILE_CACHE_BUCKET = 'file-cache';

/** The secret holding the Google service account's key file (`secrets` in the manifest). */
export const GOOGLE_KEY_SECRET = 'google-service-account';
