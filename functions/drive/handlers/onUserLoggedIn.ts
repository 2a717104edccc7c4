import { eventHandler } from '../../../shared/runtime/events/eventHandler.ts';
import { onceByEventId } from '../../../shared/runtime/events/onceByEventId.ts';
import { refreshOnLogin } from '../useCases/refreshOnLogin.ts';
import { librarySyncDependencies } from '../wiring/librarySyncDependencies.ts';

/** `auth.user_logged_in` → the libraries of the user's bands are refreshed when their last sync is old. */
export const handler = eventHandler({
  repeats: onceByEventId(),
  events: ['auth.user_logged_in'],
  handle: async ({ data, logger }) => {
    const outcomes = await refreshOnLogin(librarySyncDependencies(), {
      userId: data.userId,
      bandIds: data.memberships.map((m) => m.bandId),
    });
    logger.info('Libraries refreshed on login', { userId: data.userId, outcomes });
  },
});
