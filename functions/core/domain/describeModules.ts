import type { ModuleEntry } from '../../../shared/runtime/catalog/CatalogItems.ts';
import { freshStatus } from './platformHealth.ts';

/** The public description of the running modules (`GET /api/system/modules`). */
export const describeModules = (entries: readonly ModuleEntry[], now: Date, maxAgeMs: number) =>
  entries.map((m) => ({
    name: m.name,
    version: m.version,
    description: m.description,
    critical: m.critical,
    status: freshStatus(m, now, maxAgeMs),
    checkedAt: m.checkedAt,
    dependencies: m.dependencies,
    services: m.services,
    routes: m.routes,
    publishes: m.publishes,
    subscribes: m.subscribes,
  }));

/** The catalog service's short form of the running modules (`catalog_service.listModules`). */
export const summarizeModules = (entries: readonly ModuleEntry[], now: Date, maxAgeMs: number) =>
  entries.map((m) => ({
    name: m.name,
    version: m.version,
    description: m.description,
    critical: m.critical,
    status: freshStatus(m, now, maxAgeMs),
    checkedAt: m.checkedAt,
  }));
