import { cachedRead } from '../../../shared/runtime/caching/cachedRead.ts';
import { httpHandler } from '../../../shared/runtime/index.ts';
import { HEALTH_MAX_AGE_MS, HEALTH_ROUTE_CACHE_MS } from '../domain/healthPolicy.ts';
import { assessPlatformHealth, type ModuleHealthView } from '../domain/platformHealth.ts';
import { coreDependencies } from '../wiring/coreDependencies.ts';

/** Where the health route reads the modules and the time; the catalog and the system clock by default. */
export interface HealthRouteOptions {
  readonly listModules: () => Promise<readonly ModuleHealthView[]>;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/**
 * `GET /api/system/health` — public, so load balancers and status pages can read it without a token. The
 * catalog read is reused for {@link HEALTH_ROUTE_CACHE_MS}; freshness is still judged at each request.
 */
export const createHealthHandler = (options: HealthRouteOptions) => {
  const now = options.now ?? (() => new Date());
  const readModules = cachedRead(options.listModules, {
    ttlMs: HEALTH_ROUTE_CACHE_MS,
    now: () => now().getTime(),
  });
  return httpHandler({
    handle: async () => {
      const health = assessPlatformHealth(await readModules(), now(), HEALTH_MAX_AGE_MS);
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
};

export const handler = createHealthHandler({
  listModules: () => coreDependencies().catalog.listModules(),
  now: () => coreDependencies().now(),
});
