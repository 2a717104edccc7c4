import { WebSocketMessageTooLargeError } from './connectionErrors.ts';
import { WEBSOCKET_MAX_MESSAGE_BYTES } from './webSocketLimits.ts';

const encoder = new TextEncoder();

/** Refuses a text frame above `limit` bytes (UTF-8) with {@link WebSocketMessageTooLargeError}. */
export const assertMessageSize = (text: string, limit = WEBSOCKET_MAX_MESSAGE_BYTES): void => {
  // UTF-8 takes at most 3 bytes per UTF-16 unit: a short string cannot exceed the limit, skip the count.
  if (text.length * 3 <= limit) return;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limit) throw new WebSocketMessageTooLargeError(bytes, limit);
};

/** A message as the JSON text of one frame, refused above `limit` bytes. */
export const jsonMessage = (message: unknown, limit = WEBSOCKET_MAX_MESSAGE_BYTES): string => {
  const json = JSON.stringify(message);
  // undefined, functions and symbols have no JSON form: sending "undefined" would confuse every client.
  if (json === undefined) throw new TypeError('A WebSocket message must be JSON-serialisable');
  assertMessageSize(json, limit);
  return json;
};

/**
 * A message as the bytes of one WebSocket text frame: JSON-encoded, refused with
 * {@link WebSocketMessageTooLargeError} above `limit`, so an oversize message never reaches API Gateway.
 *
 * @example
 * ```ts
 * const data = encodeMessage({ type: 'joined', bandId }); // Uint8Array of '{"type":"joined",...}'
 * ```
 */
export const encodeMessage = (message: unknown, limit = WEBSOCKET_MAX_MESSAGE_BYTES): Uint8Array =>
  encoder.encode(jsonMessage(message, limit));
