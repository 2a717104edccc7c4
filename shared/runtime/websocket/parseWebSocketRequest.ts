import type { z } from 'zod';
import type { Identity } from '../../contracts/identity.ts';
import { BadRequestError } from '../errors/requestErrors.ts';
import { ValidationError } from '../errors/ValidationError.ts';
import { CORRELATION_ID_HEADER, pickCorrelationId } from '../http/correlationId.ts';
import type { HttpEvent } from '../http/HttpRequest.ts';
import { readIdentity } from '../http/readIdentity.ts';
import { readJsonBody } from '../http/readJsonBody.ts';
import type { WebSocketEvent, WebSocketEventType } from './WebSocketRequest.ts';
import { WEBSOCKET_MAX_MESSAGE_BYTES } from './webSocketLimits.ts';

/** A WebSocket event as plain values, before the kit adds logger and metrics. */
export interface ParsedWebSocketRequest {
  readonly connectionId: string;
  readonly routeKey: string;
  readonly eventType: WebSocketEventType;
  readonly body: unknown;
  readonly identity: Identity | null;
  readonly correlationId: string;
}

/**
 * The correlation id of a WebSocket event: `$connect`'s `x-correlation-id` header when sane (messages carry
 * no headers), else API Gateway's request id.
 */
export const webSocketCorrelationId = (event: WebSocketEvent | undefined): string => {
  const headers = event?.headers ?? {};
  const header = Object.entries(headers).find(([name]) => name.toLowerCase() === CORRELATION_ID_HEADER)?.[1];
  return pickCorrelationId(header, event?.requestContext?.requestId);
};

/**
 * The identity from the flat WebSocket authorizer context, decoded by the HTTP kit's reader (one decoder
 * for both edges: the HTTP API nests the same context under `lambda`).
 */
const readWebSocketIdentity = (event: WebSocketEvent): Identity | null =>
  readIdentity({ requestContext: { authorizer: { lambda: event.requestContext.authorizer } } } as HttpEvent);

/**
 * Reads and validates a WebSocket event: route, identity and (with a schema) the message's JSON body. Every
 * failure is a 4xx {@link PlatformError}: a malformed event or message never becomes a crash.
 */
export const parseWebSocketRequest = (
  event: WebSocketEvent,
  bodySchema: z.ZodType | undefined,
): ParsedWebSocketRequest => {
  const context = event?.requestContext;
  if (typeof context?.connectionId !== 'string' || typeof context.routeKey !== 'string') {
    throw new BadRequestError('Not an API Gateway WebSocket event (no connectionId or routeKey)');
  }
  const identity = readWebSocketIdentity(event);
  let body: unknown;
  if (bodySchema) {
    // A frame is at most 128 KB at the edge already; the limit here guards hand-made events.
    const json = readJsonBody(typeof event.body === 'string' ? event.body : undefined, {
      isBase64Encoded: event.isBase64Encoded === true,
      contentType: undefined,
      requireJsonMediaType: false,
      maxBytes: WEBSOCKET_MAX_MESSAGE_BYTES,
    });
    const parsed = bodySchema.safeParse(json);
    if (!parsed.success) throw ValidationError.fromZod(parsed.error, 'body');
    body = parsed.data;
  }
  return {
    connectionId: context.connectionId,
    routeKey: context.routeKey,
    eventType: context.eventType,
    body,
    identity,
    correlationId: webSocketCorrelationId(event),
  };
};
