import type { HealthReport, ModuleEntry, ServiceEntry } from './CatalogItems.ts';

/** Persistence of the service catalog; callers never know which database holds it. */
export interface ServiceCatalogStore {
  listModules(): Promise<ModuleEntry[]>;
  getModule(name: string): Promise<ModuleEntry | undefined>;
  getService(module: string, service: string): Promise<ServiceEntry | undefined>;
  /** Makes the catalog exactly these entries: writes them, deletes every entry not among them. */
  replaceAll(entries: { modules: readonly ModuleEntry[]; services: readonly ServiceEntry[] }): Promise<void>;
  recordHealth(module: string, report: HealthReport): Promise<void>;
}
