import * as z from 'zod';

/**
 * The fields of a Drive v3 `File` the drive asks for (`fields=`), as Google sends them: `size` is an int64
 * in a string, `md5Checksum` only for files with bytes (not folders or Google documents), `parents` at most
 * one id since Drive's single-parent model.
 */
export const DriveFile = z.object({
  id: z.string().min(1),
  name: z.string(),
  mimeType: z.string().min(1),
  parents: z.array(z.string()).optional(),
  trashed: z.boolean().optional(),
  size: z.string().regex(/^\d+$/).optional(),
  md5Checksum: z.string().optional(),
  modifiedTime: z.string().optional(),
  version: z.string().optional(),
});
export type DriveFile = z.infer<typeof DriveFile>;

/** The `fields` selector of one file, as the schema above expects. */
export const FILE_FIELDS = 'id,name,mimeType,parents,trashed,size,md5Checksum,modifiedTime,version';

/** `files.list` answer. */
export const DriveFileList = z.object({
  nextPageToken: z.string().optional(),
  files: z.array(DriveFile).default([]),
});

/** One entry of `changes.list`: `removed` means the file is gone or no longer visible, and `file` is absent. */
export const DriveChange = z.object({
  changeType: z.string().optional(),
  fileId: z.string().optional(),
  removed: z.boolean().optional(),
  time: z.string().optional(),
  file: DriveFile.optional(),
});
export type DriveChange = z.infer<typeof DriveChange>;

/** `changes.list` answer: `nextPageToken` while pages remain, `newStartPageToken` on the last one. */
export const DriveChangeList = z.object({
  nextPageToken: z.string().optional(),
  newStartPageToken: z.string().optional(),
  changes: z.array(DriveChange).default([]),
});

/** `changes.getStartPageToken` answer. */
export const DriveStartPageToken = z.object({ startPageToken: z.string().min(1) });

/** A `Channel` as `changes.watch` answers it; `expiration` is milliseconds since the epoch, in a string. */
export const DriveChannel = z.object({
  id: z.string().min(1),
  resourceId: z.string().min(1),
  expiration: z.string().regex(/^\d+$/).optional(),
  token: z.string().optional(),
});
