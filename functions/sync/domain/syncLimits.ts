/** API Gateway closes every WebSocket connection after 2 hours: connection records live as long. */
export const CONNECTION_TTL_SECONDS = 2 * 60 * 60;
/** A resume replays at most this many messages; a client further behind reloads (resync_required). */
export const MAX_REPLAY = 500;
/** PostToConnection calls in flight per broadcast (API Gateway's management API takes thousands per second). */
export const BROADCAST_CONCURRENCY = 64;
/**
 * Subscriptions read per page of a band's room during a broadcast: the first page's pushes start while the
 * next page is read, instead of after the whole room (5,000 connections were ~100 ms of reading first).
 */
export const ROOM_PAGE_SIZE = 250;
/** Further attempts for pushes that failed with a retryable error, before they are counted as failed. */
export const PUSH_RETRIES = 2;
/** A user channel prepared at sign-in is used for as long as an access token lives at most. */
export const CHANNEL_TTL_SECONDS = 2 * 60 * 60;
