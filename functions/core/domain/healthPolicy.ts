/** How often the platform polls module health (the pollHealth schedule). */
export const HEALTH_POLL_MINUTES = 1;

/** A check this old is stale: three missed polls mean the poller or the module is gone. */
export const HEALTH_MAX_AGE_MS = 3 * HEALTH_POLL_MINUTES * 60_000;

/** A health check that takes longer than this counts as down. */
export const HEALTH_CHECK_TIMEOUT_MS = 3_000;

/** A health check slower than this is degraded, even if it says ok. */
export const HEALTH_SLOW_MS = 1_000;

/**
 * How long one container reuses the catalog it read for `/api/system/health`: the route is public, and a
 * check changes once a minute, so a burst of requests costs one catalog read every few seconds.
 */
export const HEALTH_ROUTE_CACHE_MS = 5_000;
