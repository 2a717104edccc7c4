import type { ModuleHealthStatus } from '../../../shared/contracts/events/systemEvents.ts';

export interface ModuleHealthView {
  readonly name: string;
  readonly version: string;
  readonly critical: boolean;
  readonly status: ModuleHealthStatus;
  readonly checkedAt: string | null;
  readonly latencyMs: number | null;
  readonly detail: string | null;
}

export interface PlatformHealth {
  readonly status: 'ok' | 'degraded' | 'down';
  /** Every critical module is up (ok or degraded) and freshly checked. */
  readonly criticalUp: boolean;
  readonly modules: readonly ModuleHealthView[];
}

const isUp = (status: ModuleHealthStatus): boolean => status === 'ok' || status === 'degraded';

/**
 * A check older than `maxAgeMs` no longer says anything about the module now: it counts as unknown, so a
 * poller that stopped cannot leave the platform reporting itself healthy.
 */
export const freshStatus = (
  module: Pick<ModuleHealthView, 'status' | 'checkedAt'>,
  now: Date,
  maxAgeMs: number,
): ModuleHealthStatus => {
  if (module.checkedAt === null) return 'unknown';
  const age = now.getTime() - Date.parse(module.checkedAt);
  return Number.isNaN(age) || age > maxAgeMs ? 'unknown' : module.status;
};

/**
 * Whether the module was checked within `maxAgeMs`. One that was not — never checked since the platform
 * started, or not for three polls — is starting as far as the poller knows: its next check may be a cold
 * start, and a failure then is not yet an outage.
 */
export const hasRecentCheck = (
  module: Pick<ModuleHealthView, 'checkedAt'>,
  now: Date,
  maxAgeMs: number,
): boolean => {
  if (module.checkedAt === null) return false;
  const age = now.getTime() - Date.parse(module.checkedAt);
  return !Number.isNaN(age) && age <= maxAgeMs;
};

/** The platform's health from its modules': down when a critical module is not up, degraded when any is not ok. */
export const assessPlatformHealth = (
  modules: readonly ModuleHealthView[],
  now: Date,
  maxAgeMs: number,
): PlatformHealth => {
  const views = modules.map((m) => ({ ...m, status: freshStatus(m, now, maxAgeMs) }));
  const criticalUp = views.filter((m) => m.critical).every((m) => isUp(m.status));
  const allOk = views.every((m) => m.status === 'ok');
  return { status: !criticalUp ? 'down' : allOk ? 'ok' : 'degraded', criticalUp, modules: views };
};

/** Critical modules that are down now but were not before: each such transition declares an emergency once. */
export const newlyDownCriticalModules = (
  before: ReadonlyMap<string, ModuleHealthStatus>,
  after: readonly Pick<ModuleHealthView, 'name' | 'critical' | 'status'>[],
): string[] =>
  after
    .filter((m) => m.critical && m.status === 'down' && before.get(m.name) !== 'down')
    .map((m) => m.name)
    .sort();
