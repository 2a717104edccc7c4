import { eventHandler } from '../../../shared/runtime/events/eventHandler.ts';
import { onceByEventId } from '../../../shared/runtime/events/onceByEventId.ts';
import { cacheFileContent } from '../useCases/cacheFileContent.ts';
import { fileCacheDependencies } from '../wiring/fileCacheDependencies.ts';

/**
 * `drive.file_added` / `drive.file_changed` → the file's new bytes copied into the `file-cache` bucket, so a
 * download link finds them there. One file per event, read whole once (at most the cache's size limit), the
 * batch's records one after the other; a failure returns the record to the queue (retried, then dead-lettered).
 */
export const handler = eventHandler({
  repeats: onceByEventId(),
  events: ['drive.file_added', 'drive.file_changed'],
  handle: async (event) => {
    const outcome = await cacheFileContent(fileCacheDependencies(), event);
    event.logger.info('File content cached', {
      bandId: event.data.bandId,
      fileId: event.data.file.fileId,
      outcome,
    });
  },
});
