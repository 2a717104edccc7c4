/** Lambda defaults when a manifest does not size a function. */
export const DEFAULT_MEMORY_MB = 512;
export const DEFAULT_TIMEOUT_SECONDS = 10;

/** Name of the table every module with subscriptions gets for idempotent event handling. */
export const IDEMPOTENCY_TABLE_NAME = 'idempotency';

/**
 * Throttling of every HTTP route a manifest does not limit itself (API Gateway's default route throttling,
 * applied to each route on its own): requests per second on average, and at once.
 */
export const DEFAULT_ROUTE_THROTTLE = { rateLimit: 500, burstLimit: 1000 } as const;
