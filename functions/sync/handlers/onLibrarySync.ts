import { onceByEventId } from '../../../shared/runtime/events/onceByEventId.ts';
import { eventHandler } from '../../../shared/runtime/index.ts';
import {
  librarySyncCompleted,
  librarySyncFileSeen,
  librarySyncStarted,
} from '../useCases/librarySyncProgress.ts';
import { syncDependencies } from '../wiring/syncDependencies.ts';

/** The drive's reconciliation of a band's library, shown to the band's connected leaders as it runs. */
export const handler = eventHandler({
  repeats: onceByEventId(),
  events: [
    'drive.sync_started',
    'drive.sync_completed',
    'drive.file_added',
    'drive.file_changed',
    'drive.file_removed',
  ],
  handle: async (event) => {
    const deps = syncDependencies();
    switch (event.name) {
      case 'drive.sync_started':
        return librarySyncStarted(deps, event.data);
      case 'drive.sync_completed':
        return librarySyncCompleted(deps, event.data);
      default:
        return librarySyncFileSeen(deps, event.data.bandId);
    }
  },
});
