import type { ModuleHealthStatus } from '../../../shared/contracts/events/systemEvents.ts';
import type { HealthReport, ModuleEntry } from '../../../shared/runtime/catalog/CatalogItems.ts';
import { HEALTH_MAX_AGE_MS } from './healthPolicy.ts';
import { interpretHealthReply, isSlowSuccess, type ProbeOutcome } from './interpretHealthReply.ts';
import { assessPlatformHealth, newlyDownCriticalModules } from './platformHealth.ts';

/** What polling needs from the outside world; the handler wires the real catalog, Lambda and bus. */
export interface HealthPollPorts {
  listModules(): Promise<ModuleEntry[]>;
  recordHealth(module: string, report: HealthReport): Promise<void>;
  probe(healthFunction: string): Promise<ProbeOutcome>;
  publishHealthCheck(data: {
    status: 'ok' | 'degraded' | 'down';
    checkedAt: string;
    modules: {
      name: string;
      version: string;
      critical: boolean;
      status: ModuleHealthStatus;
      latencyMs: number | null;
      detail: string | null;
    }[];
  }): Promise<void>;
  publishEmergency(data: { reason: string; affectedModules: string[]; declaredAt: string }): Promise<void>;
  now(): Date;
}

/**
 * Checks every module in parallel, records each result, publishes `system.health_check`, and declares
 * `system.emergency` when a critical module has just gone down (not on every poll while it stays down).
 */
export const pollModuleHealth = async (ports: HealthPollPorts) => {
  const modules = await ports.listModules();
  const before = new Map<string, ModuleHealthStatus>(modules.map((m) => [m.name, m.status]));
  const checked = await Promise.all(
    modules.map(async (m) => {
      const first = await ports.probe(m.healthFunction);
      const outcome = isSlowSuccess(first) ? await ports.probe(m.healthFunction) : first;
      const report = interpretHealthReply(outcome, ports.now());
      await ports.recordHealth(m.name, report);
      return { ...m, ...report };
    }),
  );
  const now = ports.now();
  const health = assessPlatformHealth(checked, now, HEALTH_MAX_AGE_MS);
  await ports.publishHealthCheck({
    status: health.status,
    checkedAt: now.toISOString(),
    modules: checked.map((m) => ({
      name: m.name,
      version: m.version,
      critical: m.critical,
      status: m.status,
      latencyMs: m.latencyMs,
      detail: m.detail,
    })),
  });
  const down = newlyDownCriticalModules(before, checked);
  if (down.length > 0) {
    await ports.publishEmergency({
      reason: `Critical module${down.length > 1 ? 's' : ''} down: ${down.join(', ')}`,
      affectedModules: down,
      declaredAt: now.toISOString(),
    });
  }
  return health;
};
