import { httpHandler } from '../../../shared/runtime/index.ts';
import { moduleMap } from '../useCases/moduleCatalog.ts';
import { coreDependencies } from '../wiring/coreDependencies.ts';

/** `GET /api/system/modules` — the module map for signed-in users (the authorizer has checked the token). */
export const handler = httpHandler({
  handle: async () => ({ body: { modules: await moduleMap(coreDependencies()) } }),
});
