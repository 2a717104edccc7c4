import { traceService } from '../../../shared/contracts/services/traceServices.ts';
import { serviceHandler } from '../../../shared/runtime/index.ts';
import { recordReactions } from '../useCases/flowTrace.ts';
import { coreDependencies } from '../wiring/coreDependencies.ts';

/** `trace_service` — the event kit of every subscriber reports its reactions here. */
export const handler = serviceHandler(traceService, {
  recordReactions: async ({ reactions }) => ({
    recorded: await recordReactions(coreDependencies(), reactions),
  }),
});
