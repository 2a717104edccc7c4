import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { APIGatewayEventWebsocketRequestContextV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import type { Identity } from '../../contracts/identity.ts';
import type { Problem } from '../errors/toProblem.ts';

/**
 * `requestContext.authorizer` of a WebSocket event once `$connect` was authorized. Unlike the HTTP API it is
 * FLAT: `principalId`, `integrationLatency` and the authorizer's context values side by side, the identity
 * JSON-encoded under `identity`.
 */
export type WebSocketAuthorizerContext = Readonly<Record<string, unknown>>;

/** `CONNECT` (`$connect`), `MESSAGE` (`$default` and named routes) or `DISCONNECT` (`$disconnect`). */
export type WebSocketEventType = APIGatewayEventWebsocketRequestContextV2['eventType'];

/**
 * An API Gateway WebSocket event as the kit reads it: the payload of `aws-lambda`'s type, with what its type
 * leaves out — the authorizer context, `$connect`'s handshake headers and `$disconnect`'s close status.
 */
export type WebSocketEvent = Omit<APIGatewayProxyWebsocketEventV2, 'requestContext'> & {
  readonly requestContext: Omit<APIGatewayEventWebsocketRequestContextV2, 'messageId'> & {
    /** Only on `MESSAGE` events. */
    readonly messageId?: string;
    readonly authorizer?: WebSocketAuthorizerContext;
    readonly disconnectStatusCode?: number;
    readonly disconnectReason?: string;
  };
  /** `$connect` (and `$disconnect`) only; names keep the client's case. */
  readonly headers?: Readonly<Record<string, string | undefined>>;
};

/** A WebSocket event after the kit parsed and validated it. */
export interface WebSocketRequest<Body> {
  readonly connectionId: string;
  readonly routeKey: string;
  readonly eventType: WebSocketEventType;
  /** The message's JSON, validated by the handler's schema; undefined without a schema. */
  readonly body: Body;
  /** The caller from the `$connect` authorizer, or null when the API has none. */
  readonly identity: Identity | null;
  readonly correlationId: string;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** The raw event, for the rare handler that needs more (query string of `$connect`, close code...). */
  readonly event: WebSocketEvent;
}

/**
 * What a handler returns: the route response. On `$connect` a non-2xx `statusCode` refuses the connection;
 * on a message route a `body` is sent back to the client as one frame; on `$disconnect` it is ignored.
 */
export interface WebSocketResult {
  /** @default 200 */
  readonly statusCode?: number;
  /** Sent as is when a string, JSON-encoded otherwise; no frame when undefined. */
  readonly body?: unknown;
}

/** The frame the kit answers with when it refuses a message: the problem, as on the HTTP edge. */
export interface WebSocketErrorFrame {
  readonly type: 'error';
  readonly routeKey: string;
  readonly problem: Problem;
}
