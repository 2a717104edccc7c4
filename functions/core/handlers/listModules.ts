import { httpHandler } from '../../../shared/runtime/index.ts';
import { describeModules } from '../domain/describeModules.ts';
import { HEALTH_MAX_AGE_MS } from '../domain/healthPolicy.ts';
import { catalogStore } from '../store/catalogStore.ts';

/** `GET /api/system/modules` — the module map for signed-in users (the authorizer has checked the token). */
export const handler = httpHandler({
  handle: async () => ({
    body: { modules: describeModules(await catalogStore().listModules(), new Date(), HEALTH_MAX_AGE_MS) },
  }),
});
