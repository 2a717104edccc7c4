import { catalogService } from '../../../shared/contracts/services/coreServices.ts';
import { serviceHandler } from '../../../shared/runtime/index.ts';
import { HEALTH_MAX_AGE_MS } from '../domain/healthPolicy.ts';
import { freshStatus } from '../domain/platformHealth.ts';
import { catalogStore } from '../store/catalogStore.ts';

export const handler = serviceHandler(catalogService, {
  listModules: async () => {
    const now = new Date();
    const modules = await catalogStore().listModules();
    return {
      modules: modules.map((m) => ({
        name: m.name,
        version: m.version,
        description: m.description,
        critical: m.critical,
        status: freshStatus(m, now, HEALTH_MAX_AGE_MS),
        checkedAt: m.checkedAt,
      })),
    };
  },
});
