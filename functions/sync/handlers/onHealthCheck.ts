import { onceByEventId } from '../../../shared/runtime/events/onceByEventId.ts';
import { eventHandler } from '../../../shared/runtime/index.ts';
import { reactToHealthCheck } from '../useCases/platformHealth.ts';
import { syncDependencies } from '../wiring/syncDependencies.ts';

/** `system.health_check`: clients hear `degraded` / `recovered` when a module live updates need changes state. */
export const handler = eventHandler({
  repeats: onceByEventId(),
  events: ['system.health_check'],
  handle: async ({ data, logger }) => {
    const transition = await reactToHealthCheck(syncDependencies(), data);
    if (transition.wentDown.length + transition.cameBack.length > 0) {
      logger.info('Live dependencies changed health', transition);
    }
  },
});
