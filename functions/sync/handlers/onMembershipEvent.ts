import { onceByEventId } from '../../../shared/runtime/events/onceByEventId.ts';
import { eventHandler } from '../../../shared/runtime/index.ts';
import {
  applyPermissionChange,
  closeUserConnections,
  prepareChannel,
} from '../useCases/membershipReactions.ts';
import { syncDependencies } from '../wiring/syncDependencies.ts';

/** Auth's events: a sign-in prepares the channel; a sign-out or a membership change applies at once. */
export const handler = eventHandler({
  repeats: onceByEventId(),
  events: ['auth.user_logged_in', 'auth.user_logged_out', 'auth.permission_updated'],
  handle: async (event) => {
    const deps = syncDependencies();
    switch (event.name) {
      case 'auth.user_logged_in': {
        const { prepared } = await prepareChannel(deps, event.data, event.metadata.occurredAt);
        event.logger.info('Prepared the live channel of a signed-in user', { prepared });
        return;
      }
      case 'auth.user_logged_out': {
        const { closed } = await closeUserConnections(deps, event.data.userId);
        event.logger.info('Closed the live connections of a signed-out user', { closed });
        return;
      }
      case 'auth.permission_updated': {
        const { unsubscribed } = await applyPermissionChange(deps, event.data, event.metadata.occurredAt);
        event.logger.info('Applied a membership change to live subscriptions', { unsubscribed });
        return;
      }
    }
  },
});
