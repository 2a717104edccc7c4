/** How often the platform polls module health (the pollHealth schedule). */
export const HEALTH_POLL_MINUTES = 1;

/** A check this old is stale: three missed polls mean the poller or the module is gone. */
export const HEALTH_MAX_AGE_MS = 3 * HEALTH_POLL_MINUTES * 60_000;

/** A health check that takes longer than this counts as down (its first call gets the allowance below on top). */
export const HEALTH_CHECK_TIMEOUT_MS = 3_000;

/** A health check slower than this is degraded, even if it says ok. */
export const HEALTH_SLOW_MS = 1_000;

/**
 * How long one container reuses the catalog it read for `/api/system/health`: the route is public, and a
 * check changes once a minute, so a burst of requests costs one catalog read every few seconds.
 */
export const HEALTH_ROUTE_CACHE_MS = 5_000;

/**
 * Extra time the first call of each check gets: it may meet a cold container (after a deploy or a restart,
 * or once a timeout killed the last one), and a cold start may spend up to Lambda's 10 s init phase (locally:
 * a worker thread loading the function's bundle) before the check itself begins.
 */
export const HEALTH_COLD_START_ALLOWANCE_MS = 10_000;
