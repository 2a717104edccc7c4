import { defineModule } from '../../shared/contracts/moduleManifest.ts';
import { libraryService } from '../../shared/contracts/services/driveServices.ts';
import { DRIVE_ENV } from './config/driveConfig.ts';
import {
  DRIVE_TABLES,
  FILE_CACHE_BUCKET,
  GOOGLE_KEY_SECRET,
  LIBRARY_BY_FILE_INDEX,
} from './store/driveTableNames.ts';

const S = 'S' as const;

/** Each band's library — a Google Drive folder in AWS, a folder on disk locally — as events and downloads. */
export default defineModule({
  name: 'drive',
  version: '1.0.0',
  description:
    'Band libraries: notices what changed in each band’s Google Drive folder (a folder on disk on the embedded platform), publishes it, and hands out short-lived download links.',
  critical: false,
  publishes: [
    'drive.file_added',
    'drive.file_changed',
    'drive.file_removed',
    'drive.folder_created',
    'drive.sync_started',
    'drive.sync_completed',
    'drive.changes_notified',
  ],
  subscriptions: [
    {
      id: 'onBandCreated',
      events: ['auth.band_created'],
      handler: 'handlers/onBandCreated.handler',
    },
    {
      id: 'onUserLoggedIn',
      events: ['auth.user_logged_in'],
      handler: 'handlers/onUserLoggedIn.handler',
      reactions: [
        {
          publishes: [
            'drive.sync_started',
            'drive.folder_created',
            'drive.file_added',
            'drive.file_changed',
            'drive.file_removed',
            'drive.sync_completed',
          ],
          when: 'a band library last synced over 5 minutes ago',
        },
      ],
      timeoutSeconds: 300,
    },
    {
      id: 'onChangesNotified',
      events: ['drive.changes_notified'],
      handler: 'handlers/onChangesNotified.handler',
      timeoutSeconds: 300,
    },
    {
      // Its own events: a file added or given new bytes is copied into the file cache before anyone asks.
      id: 'cacheFileContent',
      events: ['drive.file_added', 'drive.file_changed'],
      handler: 'handlers/cacheFileContent.handler',
      // A batch of up to 10 files, one at a time, each read whole (≤ 200 MB) before it is put.
      timeoutSeconds: 300,
      memoryMb: 1024,
    },
  ],
  routes: [
    {
      method: 'POST',
      path: '/api/drive/notifications',
      auth: 'public',
      handler: 'handlers/receiveNotification.handler',
      description:
        'Google Drive’s push notifications (public: verified by channel id, token, resource and expiry); 204, a change queues a read of the changes feed.',
      // Google sends one message per change burst; a flood is somebody else.
      throttle: { rateLimit: 20, burstLimit: 50 },
    },
    {
      method: 'GET',
      path: '/api/drive/bands/{bandId}/source',
      auth: 'user',
      handler: 'handlers/getSource.handler',
      description:
        'The library’s source: provider, bound folder, the service account to share it with, last sync, file count, last error (members).',
    },
    {
      method: 'PUT',
      path: '/api/drive/bands/{bandId}/source',
      auth: 'leader',
      handler: 'handlers/putSource.handler',
      description:
        'Bind the library: {"folderId": "<Google Drive folder id>"} in AWS, {} for the band’s own folder on the embedded platform.',
    },
    {
      method: 'POST',
      path: '/api/drive/bands/{bandId}/sync',
      auth: 'leader',
      handler: 'handlers/syncNow.handler',
      description: 'Reconcile the library with its source now; answers the counts.',
      timeoutSeconds: 300,
    },
    {
      method: 'GET',
      path: '/api/drive/bands/{bandId}/files/{fileId}/download',
      auth: 'user',
      handler: 'handlers/downloadFile.handler',
      description: 'A 5-minute link to a library file’s bytes (members of the band).',
      timeoutSeconds: 60,
      memoryMb: 1024,
    },
  ],
  services: [{ contract: libraryService, handler: 'handlers/libraryService.handler' }],
  health: { handler: 'handlers/health.handler' },
  schedules: [
    {
      id: 'pollLibraries',
      rateMinutes: 15,
      handler: 'handlers/pollLibraries.handler',
      description:
        'The polling fallback: reads Google Drive’s changes feed, then reconciles libraries nothing refreshed for 10 minutes.',
      timeoutSeconds: 900,
    },
    {
      id: 'renewChannels',
      rateMinutes: 60,
      handler: 'handlers/renewChannels.handler',
      description:
        'Keeps a live Google Drive push channel: opens a new one before the current one expires, then stops the old.',
      timeoutSeconds: 60,
    },
  ],
  tables: [
    {
      name: DRIVE_TABLES.library,
      partitionKey: { name: 'bandId', type: S },
      sortKey: { name: 'fileId', type: S },
      indexes: [{ name: LIBRARY_BY_FILE_INDEX, partitionKey: { name: 'fileId', type: S } }],
    },
    { name: DRIVE_TABLES.sources, partitionKey: { name: 'bandId', type: S } },
    { name: DRIVE_TABLES.changeFeed, partitionKey: { name: 'id', type: S } },
  ],
  outbox: true,
  buckets: [
    {
      name: FILE_CACHE_BUCKET,
      description: 'Library file bytes behind download links, keyed by band and checksum.',
      expireAfterDays: 30,
    },
  ],
  secrets: [
    {
      name: GOOGLE_KEY_SECRET,
      description: 'The Google service account’s key file (JSON) the drive reads band folders with.',
    },
  ],
  folderTriggers: [
    {
      id: 'libraryFolders',
      rootConfig: DRIVE_ENV.libraryDir,
      localDir: 'library',
      handler: 'handlers/onLibraryFolderChanged.handler',
      description:
        'Embedded stand-in for Google Drive’s push notifications: a change in <root>/<bandId>/ syncs that band.',
      timeoutSeconds: 300,
    },
  ],
  config: [
    {
      name: DRIVE_ENV.provider,
      description: 'Where band libraries live: google-drive (AWS) or folder (a folder per band on disk).',
      default: 'google-drive',
      localDefault: 'folder',
    },
    {
      name: DRIVE_ENV.libraryDir,
      description:
        'The folder provider’s root: band b’s library is <root>/b/ (embedded platform: <data dir>/library unless set).',
    },
    {
      name: DRIVE_ENV.googleApiUrl,
      description: 'Google Drive API base URL (a fake Drive in tests).',
      default: 'https://www.googleapis.com/drive/v3',
    },
    {
      name: DRIVE_ENV.webhookUrl,
      description:
        'Public HTTPS URL of POST /api/drive/notifications for Google’s push channels; unset: no channel, polling only.',
    },
  ],
});
