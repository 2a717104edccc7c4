import type { Logger } from '@aws-lambda-powertools/logger';
import { type PollMemory, type PollResult, pollModuleHealth } from '../domain/pollModuleHealth.ts';
import type { CoreDependencies } from '../wiring/coreDependencies.ts';

/**
 * One health poll: probes every module of the catalog, records the results there, publishes
 * `system.health_check` and, when a critical module has just gone down (or the catalog cannot be read),
 * `system.emergency` — both under the poll's correlation id. `memory` is what the previous poll of the same
 * container left (see {@link PollMemory}); the result carries the next.
 */
export const pollHealth = (
  deps: CoreDependencies,
  run: { readonly correlationId: string; readonly logger: Pick<Logger, 'error'> },
  memory?: PollMemory,
): Promise<PollResult> =>
  pollModuleHealth(
    {
      listModules: () => deps.catalog.listModules(),
      recordHealth: (module, report) => deps.catalog.recordHealth(module, report),
      probe: (fn, timeoutMs) => deps.probe.probe(fn, timeoutMs),
      publishHealthCheck: async (data) => {
        await deps.publisher.publish('system.health_check', data, { correlationId: run.correlationId });
      },
      publishEmergency: async (data) => {
        run.logger.error('Critical modules down: declaring an emergency', {
          affectedModules: data.affectedModules,
        });
        await deps.publisher.publish('system.emergency', data, { correlationId: run.correlationId });
      },
      now: deps.now,
    },
    memory,
  );
