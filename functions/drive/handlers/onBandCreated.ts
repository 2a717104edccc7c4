import { eventHandler } from '../../../shared/runtime/events/eventHandler.ts';
import { onceByEventId } from '../../../shared/runtime/events/onceByEventId.ts';
import { createLibrary } from '../useCases/createLibrary.ts';
import { librarySyncDependencies } from '../wiring/librarySyncDependencies.ts';

/** `auth.band_created` → the band gets its library (its folder on disk, or an unbound Google Drive source). */
export const handler = eventHandler({
  repeats: onceByEventId(),
  events: ['auth.band_created'],
  handle: async ({ data, logger }) => {
    const { created } = await createLibrary(librarySyncDependencies(), data);
    logger.info('Library prepared', { bandId: data.bandId, created });
  },
});
