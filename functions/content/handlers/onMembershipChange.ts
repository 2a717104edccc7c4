import { onceByEventId } from '../../../shared/runtime/events/onceByEventId.ts';
import { eventHandler } from '../../../shared/runtime/index.ts';
import { rememberLogin, rememberPermission } from '../useCases/keepMembers.ts';
import { contentDependencies } from '../wiring/contentDependencies.ts';

/**
 * auth.user_logged_in (the login reaction: the member's role and instrument filter per band, ready for their
 * first GET songs) and auth.permission_updated (granted, role changed, revoked: access follows at once).
 */
export const handler = eventHandler({
  repeats: onceByEventId(),
  events: ['auth.user_logged_in', 'auth.permission_updated'],
  handle: async (event) => {
    if (event.name === 'auth.user_logged_in') {
      const kept = await rememberLogin(contentDependencies(), event.data, event.metadata.occurredAt);
      event.logger.info('login remembered', { bands: kept });
    } else {
      await rememberPermission(contentDependencies(), event.data, event.metadata.occurredAt);
    }
  },
});
