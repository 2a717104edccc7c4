import { catalogService } from '../../../shared/contracts/services/coreServices.ts';
import { serviceHandler } from '../../../shared/runtime/index.ts';
import { summarizeModules } from '../domain/describeModules.ts';
import { HEALTH_MAX_AGE_MS } from '../domain/healthPolicy.ts';
import { catalogStore } from '../store/catalogStore.ts';

export const handler = serviceHandler(catalogService, {
  listModules: async () => ({
    modules: summarizeModules(await catalogStore().listModules(), new Date(), HEALTH_MAX_AGE_MS),
  }),
});
