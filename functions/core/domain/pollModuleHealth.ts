import type { ModuleHealthStatus } from '../../../shared/contracts/events/systemEvents.ts';
import type { HealthReport, ModuleEntry } from '../../../shared/runtime/catalog/CatalogItems.ts';
import {
  HEALTH_CHECK_TIMEOUT_MS,
  HEALTH_COLD_START_ALLOWANCE_MS,
  HEALTH_MAX_AGE_MS,
} from './healthPolicy.ts';
import { interpretHealthReply, isSlowSuccess, type ProbeOutcome } from './interpretHealthReply.ts';
import {
  assessPlatformHealth,
  hasRecentCheck,
  newlyDownCriticalModules,
  type PlatformHealth,
} from './platformHealth.ts';

/** What polling needs from the outside world; the handler wires the real catalog, Lambda and bus. */
export interface HealthPollPorts {
  listModules(): Promise<ModuleEntry[]>;
  recordHealth(module: string, report: HealthReport): Promise<void>;
  /** Invokes a health function, giving up after `timeoutMs`. */
  probe(healthFunction: string, timeoutMs: number): Promise<ProbeOutcome>;
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
 * What one poll leaves for the next in the same container. The catalog holds each module's last status, but
 * not while it cannot be read: whether that outage was declared is remembered here.
 */
export interface PollMemory {
  readonly catalogOutageDeclared: boolean;
}

export interface PollResult {
  readonly health: PlatformHealth;
  readonly memory: PollMemory;
}

/** The module that reads the catalog: it is down whenever the catalog cannot be read. */
const CATALOG_READER = 'core';

const checkModule = async (ports: HealthPollPorts, module: ModuleEntry) => {
  const starting = !hasRecentCheck(module, ports.now(), HEALTH_MAX_AGE_MS);
  // Any first call may meet a cold container (after a deploy or a restart, or once a timeout killed the
  // last one), whatever the module's history: it gets the allowance.
  const first = await ports.probe(
    module.healthFunction,
    HEALTH_CHECK_TIMEOUT_MS + HEALTH_COLD_START_ALLOWANCE_MS,
  );
  // A slow ok may be a cold start: a second, warm call decides, with the usual timeout.
  const outcome = isSlowSuccess(first)
    ? await ports.probe(module.healthFunction, HEALTH_CHECK_TIMEOUT_MS)
    : first;
  return { ...module, ...interpretHealthReply(outcome, ports.now(), { starting }) };
};

/**
 * The catalog cannot be read or written (its database is down): core cannot do its job, so the platform is
 * down. Published every poll; the emergency once per outage.
 */
const reportCatalogOutage = async (
  ports: HealthPollPorts,
  memory: PollMemory,
  error: unknown,
): Promise<PollResult> => {
  const now = ports.now().toISOString();
  await ports.publishHealthCheck({ status: 'down', checkedAt: now, modules: [] });
  if (!memory.catalogOutageDeclared) {
    const cause = error instanceof Error ? error.message : String(error);
    await ports.publishEmergency({
      reason: `The service catalog cannot be read: ${cause}`.slice(0, 1000),
      affectedModules: [CATALOG_READER],
      declaredAt: now,
    });
  }
  return {
    health: { status: 'down', criticalUp: false, modules: [] },
    memory: { catalogOutageDeclared: true },
  };
};

/**
 * Checks every module in parallel, records each result, publishes `system.health_check`, and declares
 * `system.emergency` when a critical module has just gone down (not on every poll while it stays down).
 * Each module's first call gets a cold-start allowance; the failure of a starting module (no recent check) is
 * recorded `unknown` rather than declared, until the next poll confirms it. A catalog that cannot be read is
 * core down.
 */
export const pollModuleHealth = async (
  ports: HealthPollPorts,
  memory: PollMemory = { catalogOutageDeclared: false },
): Promise<PollResult> => {
  let modules: ModuleEntry[];
  try {
    modules = await ports.listModules();
  } catch (error) {
    return reportCatalogOutage(ports, memory, error);
  }
  const before = new Map<string, ModuleHealthStatus>(modules.map((m) => [m.name, m.status]));
  const checked = await Promise.all(modules.map((m) => checkModule(ports, m)));
  try {
    await Promise.all(
      checked.map(({ name, status, checkedAt, latencyMs, detail }) =>
        ports.recordHealth(name, { status, checkedAt, latencyMs, detail }),
      ),
    );
  } catch (error) {
    return reportCatalogOutage(ports, memory, error);
  }
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
  return { health, memory: { catalogOutageDeclared: false } };
};
