import type { Logger } from '@aws-lambda-powertools/logger';
import type { PlatformHealth } from '../domain/platformHealth.ts';
import { pollModuleHealth } from '../domain/pollModuleHealth.ts';
import type { CoreDependencies } from '../wiring/coreDependencies.ts';

/**
 * One health poll: probes every module of the catalog, records the results there, publishes
 * `system.health_check` and, when a critical module has just gone down, `system.emergency` — both under the
 * poll's correlation id.
 */
export const pollHealth = (
  deps: CoreDependencies,
  run: { readonly correlationId: string; readonly logger: Pick<Logger, 'error'> },
): Promise<PlatformHealth> =>
  pollModuleHealth({
    listModules: () => deps.catalog.listModules(),
    recordHealth: (module, report) => deps.catalog.recordHealth(module, report),
    probe: (fn) => deps.probe.probe(fn),
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
  });
