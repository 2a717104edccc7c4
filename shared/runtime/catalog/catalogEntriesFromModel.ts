import type { PlatformModel } from '../../platformModel/PlatformModel.ts';
import type { ModuleEntry, ServiceEntry } from './CatalogItems.ts';

/**
 * The catalog as the model says it should be. `functionName` maps a model function id to what the
 * renderer deployed (a local function name, or a Lambda ARN).
 */
export const catalogEntriesFromModel = (
  model: PlatformModel,
  functionName: (functionId: string) => string,
): { modules: ModuleEntry[]; services: ServiceEntry[] } => ({
  modules: model.modules.map((m) => ({
    name: m.name,
    version: m.version,
    description: m.description,
    critical: m.critical,
    dependencies: [...m.dependencies],
    publishes: [...m.publishes],
    subscribes: [...m.subscribes],
    // The catalog describes what is deployed: a route that exists only on the embedded platform is not listed.
    routes: model.routes
      .filter((r) => r.module === m.name && !r.localOnly)
      .map((r) => ({ method: r.method, path: r.path, auth: r.auth })),
    services: model.services.filter((s) => s.module === m.name).map((s) => s.name),
    healthFunction: functionName(m.healthFunctionId),
    status: 'unknown',
    checkedAt: null,
    latencyMs: null,
    detail: null,
  })),
  services: model.services.map((s) => ({
    module: s.module,
    name: s.name,
    version: s.version,
    operations: [...s.operations],
    functionName: functionName(s.functionId),
  })),
});
