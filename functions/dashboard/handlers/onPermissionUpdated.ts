import { onceByEventId } from '../../../shared/runtime/events/onceByEventId.ts';
import { eventHandler } from '../../../shared/runtime/index.ts';
import { applyPermissionChange } from '../useCases/applyPermissionChange.ts';
import { dashboardDependencies } from '../wiring/dashboardDependencies.ts';

/** A revoked member's dashboard is dropped; a granted or changed role re-prepares it (a leader sees more). */
export const handler = eventHandler({
  repeats: onceByEventId(),
  events: ['auth.permission_updated'],
  handle: async ({ data, publishAll }) => {
    const events = await applyPermissionChange(dashboardDependencies(), data);
    if (events.length > 0) await publishAll(events);
  },
});
