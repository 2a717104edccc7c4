import { BandId } from '../../../shared/contracts/identifiers.ts';
import { folderTriggerHandler } from '../../../shared/runtime/index.ts';
import { LibraryNotFoundError } from '../domain/driveErrors.ts';
import { syncLibrary } from '../useCases/syncLibrary.ts';
import { librarySyncDependencies } from '../wiring/librarySyncDependencies.ts';

/**
 * Folder trigger `libraryFolders` (embedded platform): a band's folder changed, so its library is synced —
 * the local equivalent of Google Drive's push notification (trigger `webhook`). A folder that is not a known
 * band's library is left alone; a sync already running makes this run fail, and the platform retries it.
 */
export const handler = folderTriggerHandler(async ({ event, logger }) => {
  const bandId = BandId.safeParse(event.folder);
  if (!bandId.success) return { ignored: 'not a band folder' };
  try {
    const outcome = await syncLibrary(librarySyncDependencies(), {
      bandId: bandId.data,
      trigger: 'webhook',
      requestedBy: null,
    });
    logger.info('Library synced after a folder change', { bandId: bandId.data, ...outcome });
    return { syncId: outcome.syncId };
  } catch (error) {
    if (error instanceof LibraryNotFoundError) return { ignored: 'no library for this band' };
    throw error;
  }
});
