import { httpHandler } from '../../../shared/runtime/index.ts';
import { HEALTH_MAX_AGE_MS } from '../domain/healthPolicy.ts';
import { assessPlatformHealth } from '../domain/platformHealth.ts';
import { catalogStore } from '../store/catalogStore.ts';

/** `GET /api/system/health` — public, so load balancers and status pages can read it without a token. */
export const handler = httpHandler({
  handle: async () => {
    const health = assessPlatformHealth(await catalogStore().listModules(), new Date(), HEALTH_MAX_AGE_MS);
    return {
      status: health.criticalUp ? 200 : 503,
      headers: { 'cache-control': 'no-store' },
      body: {
        status: health.status,
        modules: health.modules.map((m) => ({
          name: m.name,
          version: m.version,
          critical: m.critical,
          status: m.status,
          checkedAt: m.checkedAt,
        })),
      },
    };
  },
});
