import { eventObserverHandler } from '../../../shared/runtime/index.ts';
import { recordFlowEvents } from '../useCases/flowTrace.ts';
import { coreDependencies } from '../wiring/coreDependencies.ts';

/** Every platform event (`soleil.*`), a batch at a time, into the flow trace. */
export const handler = eventObserverHandler({
  observe: async (events) => {
    await recordFlowEvents(coreDependencies(), events);
  },
});
