import { catalogService } from '../../../shared/contracts/services/coreServices.ts';
import { serviceHandler } from '../../../shared/runtime/index.ts';
import { moduleSummaries } from '../useCases/moduleCatalog.ts';
import { coreDependencies } from '../wiring/coreDependencies.ts';

/** `catalog_service` — the module map (versions, health) for other modules (`services.call`). */
export const handler = serviceHandler(catalogService, {
  listModules: async () => ({ modules: await moduleSummaries(coreDependencies()) }),
});
