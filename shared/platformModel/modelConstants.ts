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

/**
 * Name of the table every module with `outbox: true` gets for its transactional outbox (key `eventId`, TTL
 * `expiresAt`): the name auth's hand-declared outbox had, so its table and data carry over.
 */
export const OUTBOX_TABLE_NAME = 'outbox';

/**
 * The drain of a module's outbox: its schedule id (and function id `<module>-drainOutbox`), and the kit file
 * every module's drain function runs. The entry is relative to the repository root, not to the module.
 */
export const OUTBOX_DRAIN = {
  scheduleId: 'drainOutbox',
  entry: 'shared/runtime/outbox/drainOutboxHandler.ts',
  exportName: 'handler',
  rateMinutes: 1,
  timeoutSeconds: 60,
  description:
    'Republishes events committed to the outbox but not published by their request (bus outage), with their ids.',
} as const;

/**
 * Records per subscriber invocation, the subscription queue's event source mapping batch size in AWS and the
 * embedded platform's largest batch: small, so one slow event holds few others back.
 */
export const SUBSCRIPTION_BATCH_SIZE = 10;
