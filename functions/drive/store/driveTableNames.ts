/** The drive's tables (model names; the platform adds the outbox for `outbox: true`). */
export const DRIVE_TABLES = {
  /** One item per library file or folder: key `bandId` + `fileId`. */
  library: 'library',
  /** One row per band: its source, last sync, last error and sync lease. Key `bandId`. */
  sources: 'sources',
} as const;

/** The bucket caching file bytes for download links (`buckets` in the manifest). */
export const FILE_CACHE_BUCKET = 'file-cache';

/** The secret holding the Google service account's key file (`secrets` in the manifest). */
export const GOOGLE_KEY_SECRET = 'google-service-account';
