/** API ids API Gateway puts in every event; fixed locally so events look like the deployed ones. */
export const LOCAL_HTTP_API_ID = 'soleilhttp';
export const LOCAL_WEBSOCKET_API_ID = 'soleilws';

/** HTTP API quotas and defaults. */
export const HTTP_API_LIMITS = {
  /** Largest request body HTTP APIs accept. */
  maxBodyBytes: 10 * 1024 * 1024,
  /** Longest an HTTP API waits for an integration. */
  integrationTimeoutMs: 30_000,
} as const;

/** WebSocket API quotas. */
export const WEBSOCKET_API_LIMITS = {
  maxMessageBytes: 128 * 1024,
  idleTimeoutMs: 10 * 60 * 1000,
  maxLifetimeMs: 2 * 60 * 60 * 1000,
  /** Longest a WebSocket API waits for an integration. */
  integrationTimeoutMs: 29_000,
} as const;

/** API Gateway's own error bodies, byte for byte. */
export const GATEWAY_MESSAGES = {
  notFound: 'Not Found',
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  internalError: 'Internal Server Error',
  serviceUnavailable: 'Service Unavailable',
  tooLarge: 'Request Entity Too Large',
} as const;
