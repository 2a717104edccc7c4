/** Lambda defaults when a manifest does not size a function. */
export const DEFAULT_MEMORY_MB = 512;
export const DEFAULT_TIMEOUT_SECONDS = 10;

/** Name of the table every module with subscriptions gets for idempotent event handling. */
export const IDEMPOTENCY_TABLE_NAME = 'idempotency';
