/**
 * Largest message API Gateway accepts on a WebSocket connection, in either direction (128 KB): a bigger
 * PostToConnection is refused with 413 and a bigger client frame closes the connection (1009).
 */
export const WEBSOCKET_MAX_MESSAGE_BYTES = 128 * 1024;

/** How many PostToConnection calls a broadcast keeps in flight by default. */
export const DEFAULT_BROADCAST_CONCURRENCY = 10;

/**
 * The most PostToConnection calls one broadcast keeps in flight, and the sockets the notifier's client keeps
 * open for them: past this, calls only queue for a socket while each one holds memory.
 */
export const MAX_BROADCAST_CONCURRENCY = 128;
