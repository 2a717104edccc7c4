import { eventHandler } from '../../../shared/runtime/index.ts';
import { refreshOnLogin } from '../useCases/refreshOnLogin.ts';
import { driveDependencies } from '../wiring/driveDependencies.ts';

/** `auth.user_logged_in` → the libraries of the user's bands are refreshed when their last sync is old. */
export const handler = eventHandler({
  events: ['auth.user_logged_in'],
  handle: async ({ data, logger }) => {
    const outcomes = await refreshOnLogin(driveDependencies(), {
      userId: data.userId,
      bandIds: data.memberships.map((m) => m.bandId),
    });
    logger.info('Libraries refreshed on login', { userId: data.userId, outcomes });
  },
});
