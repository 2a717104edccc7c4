import { eventObserverHandler } from '../../../shared/runtime/index.ts';
import { recordFlowEvents, recordReactions } from '../useCases/flowTrace.ts';
import { coreDependencies } from '../wiring/coreDependencies.ts';

/** Every platform event (`soleil.*`) and every subscriber's reaction report, a batch at a time, into the trace. */
export const handler = eventObserverHandler({
  observe: async (events) => {
    await recordFlowEvents(coreDependencies(), events);
  },
  observeReactions: async (reactions) => {
    await recordReactions(coreDependencies(), reactions);
  },
});
