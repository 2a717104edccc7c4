import * as z from 'zod';
import { defineEvent } from '../defineEvent.ts';
import { BandId, EntityId, IsoDateTime, UserId } from '../identifiers.ts';

/** Longest library path an event carries (folder names and the file name, `/`-separated). */
export const LIBRARY_PATH_MAX = 4096;

/** A file of a band's library as the drive sees it (Google Drive in production, a folder locally). */
export const LibraryFile = z
  .object({
    fileId: EntityId,
    name: z.string().min(1).max(255),
    mimeType: z.string().min(1).max(255),
    sizeBytes: z.number().int().nonnegative(),
    modifiedAt: IsoDateTime,
    folderId: EntityId.nullable(),
    checksum: z.string().max(128).nullable(),
    /**
     * Where the file sits in the library: the names of its folders and its own, joined by `/`
     * (`Charts/AllOfMe_Bb.pdf`). Optional because events published before it existed lack it.
     */
    path: z.string().min(1).max(LIBRARY_PATH_MAX).optional(),
    /**
     * Grows by one with every change the drive publishes about this file. EventBridge keeps no order, so a
     * receiver holding a higher version may drop an older event. Optional like `path`.
     */
    version: z.number().int().positive().optional(),
  })
  .strict();
export type LibraryFile = z.infer<typeof LibraryFile>;

const SyncTrigger = z.enum(['schedule', 'manual', 'webhook', 'login']);

export const fileAdded = defineEvent({
  name: 'drive.file_added',
  owner: 'drive',
  version: 1,
  bandScoped: true,
  description: 'A file appeared in a band’s library.',
  data: z.object({ bandId: BandId, file: LibraryFile }).strict(),
});

export const fileChanged = defineEvent({
  name: 'drive.file_changed',
  owner: 'drive',
  version: 1,
  bandScoped: true,
  description: 'A library file was replaced, renamed or its metadata changed.',
  data: z
    .object({
      bandId: BandId,
      file: LibraryFile,
      previousName: z.string().min(1).max(255).nullable(),
      /** The path before this change when it moved (renamed or put in another folder); optional, added later. */
      previousPath: z.string().min(1).max(LIBRARY_PATH_MAX).nullable().optional(),
      /** `metadata` covers a move to another folder, a new media type and a new time with the same bytes. */
      changes: z.array(z.enum(['content', 'name', 'metadata'])).min(1),
    })
    .strict(),
});

export const fileRemoved = defineEvent({
  name: 'drive.file_removed',
  owner: 'drive',
  version: 1,
  bandScoped: true,
  description: 'A file left a band’s library.',
  data: z.object({ bandId: BandId, fileId: EntityId, name: z.string().min(1).max(255) }).strict(),
});

export const folderCreated = defineEvent({
  name: 'drive.folder_created',
  owner: 'drive',
  version: 1,
  bandScoped: true,
  description: 'A folder was created in a band’s library.',
  data: z
    .object({
      bandId: BandId,
      folderId: EntityId,
      name: z.string().min(1).max(255),
      parentFolderId: EntityId.nullable(),
    })
    .strict(),
});

export const syncStarted = defineEvent({
  name: 'drive.sync_started',
  owner: 'drive',
  version: 1,
  bandScoped: true,
  description: 'The drive started reconciling a band’s library with its source folder.',
  data: z
    .object({ bandId: BandId, syncId: EntityId, trigger: SyncTrigger, requestedBy: UserId.nullable() })
    .strict(),
});

export const syncCompleted = defineEvent({
  name: 'drive.sync_completed',
  owner: 'drive',
  version: 1,
  bandScoped: true,
  description: 'A library reconciliation finished; counts say what it found.',
  data: z
    .object({
      bandId: BandId,
      syncId: EntityId,
      added: z.number().int().nonnegative(),
      changed: z.number().int().nonnegative(),
      removed: z.number().int().nonnegative(),
      unchanged: z.number().int().nonnegative(),
      durationMs: z.number().nonnegative(),
    })
    .strict(),
});

/**
 * The drive's own queue between Google's push webhook, which must answer at once, and the read of the
 * changes feed, which may take a while: published by `POST /api/drive/notifications` for a verified
 * `change`, received by the drive itself. Carries nothing secret (no channel token) and no band: the feed
 * is one per service account.
 */
export const changesNotified = defineEvent({
  name: 'drive.changes_notified',
  owner: 'drive',
  version: 1,
  bandScoped: false,
  description: 'Google Drive said its changes feed has news: the drive reads it (internal to the drive).',
  data: z
    .object({
      receivedAt: IsoDateTime,
      /** Google's `X-Goog-Message-Number`, for the logs; `null` when absent. */
      messageNumber: z.number().int().nonnegative().nullable(),
    })
    .strict(),
});

export const driveEvents = [
  fileAdded,
  fileChanged,
  fileRemoved,
  folderCreated,
  syncStarted,
  syncCompleted,
  changesNotified,
] as const;
