import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { LOCAL_WEBSOCKET_API_ID } from '../http/apiGatewayConstants.ts';
import { formatRequestTime, newRequestId } from '../http/requestIds.ts';
import { LOCAL_ACCOUNT_ID, LOCAL_AWS_REGION } from '../shared/localNames.ts';
import type { WebSocketClient } from './WebSocketClient.ts';

/** The `$connect` request's headers and query, in the single- and multi-value forms API Gateway sends. */
export interface WebSocketHandshake {
  /** Header names as the client wrote them (WebSocket events keep their case). */
  readonly rawHeaders: readonly string[];
  readonly rawQueryString: string;
}

/** Common `requestContext` members of every WebSocket event. */
export interface WebSocketRequestContext {
  readonly routeKey: string;
  readonly eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
  readonly extendedRequestId: string;
  readonly requestTime: string;
  readonly messageDirection: 'IN';
  readonly stage: string;
  readonly connectedAt: number;
  readonly requestTimeEpoch: number;
  readonly identity: { readonly userAgent: string; readonly sourceIp: string };
  readonly requestId: string;
  readonly domainName: string;
  readonly connectionId: string;
  readonly apiId: string;
  readonly authorizer?: Readonly<Record<string, unknown>>;
}

const requestContext = (
  client: WebSocketClient,
  routeKey: string,
  eventType: WebSocketRequestContext['eventType'],
  now: Date,
): WebSocketRequestContext => {
  const requestId = newRequestId();
  const context: WebSocketRequestContext = {
    routeKey,
    eventType,
    extendedRequestId: requestId,
    requestTime: formatRequestTime(now),
    messageDirection: 'IN',
    stage: client.stage,
    connectedAt: client.connectedAt,
    requestTimeEpoch: now.getTime(),
    identity: { userAgent: client.userAgent, sourceIp: client.sourceIp },
    requestId,
    domainName: client.domainName,
    connectionId: client.connectionId,
    apiId: LOCAL_WEBSOCKET_API_ID,
  };
  return client.authorizer === undefined ? context : { ...context, authorizer: { ...client.authorizer } };
};

const handshakeMembers = (handshake: WebSocketHandshake) => {
  const headers = new Map<string, string>();
  const multiValueHeaders = new Map<string, string[]>();
  for (let i = 0; i + 1 < handshake.rawHeaders.length; i += 2) {
    const name = handshake.rawHeaders[i] ?? '';
    const value = handshake.rawHeaders[i + 1] ?? '';
    headers.set(name, headers.has(name) ? `${headers.get(name)},${value}` : value);
    multiValueHeaders.set(name, [...(multiValueHeaders.get(name) ?? []), value]);
  }
  const query = new Map<string, string>();
  const multiValueQuery = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(handshake.rawQueryString)) {
    // Single-value form keeps the last value, as REST-style API Gateway events do.
    query.set(name, value);
    multiValueQuery.set(name, [...(multiValueQuery.get(name) ?? []), value]);
  }
  const members: Record<string, unknown> = {
    headers: Object.fromEntries(headers),
    multiValueHeaders: Object.fromEntries(multiValueHeaders),
  };
  if (query.size > 0) {
    members.queryStringParameters = Object.fromEntries(query);
    members.multiValueQueryStringParameters = Object.fromEntries(multiValueQuery);
  }
  return members;
};

/** The REQUEST authorizer event of a WebSocket `$connect` (REST-style, with `methodArn`). */
export const buildWebSocketAuthorizerEvent = (
  client: WebSocketClient,
  handshake: WebSocketHandshake,
  now: Date,
): APIGatewayRequestAuthorizerEvent => {
  const members = handshakeMembers(handshake);
  return {
    type: 'REQUEST',
    methodArn: `arn:aws:execute-api:${LOCAL_AWS_REGION}:${LOCAL_ACCOUNT_ID}:${LOCAL_WEBSOCKET_API_ID}/${client.stage}/$connect`,
    ...members,
    queryStringParameters: (members.queryStringParameters as Record<string, string> | undefined) ?? null,
    multiValueQueryStringParameters:
      (members.multiValueQueryStringParameters as Record<string, string[]> | undefined) ?? null,
    stageVariables: {},
    requestContext: requestContext({ ...client, authorizer: undefined }, '$connect', 'CONNECT', now),
  } as unknown as APIGatewayRequestAuthorizerEvent;
};

/** The `$connect` route event. */
export const buildConnectEvent = (client: WebSocketClient, handshake: WebSocketHandshake, now: Date) => ({
  ...handshakeMembers(handshake),
  requestContext: requestContext(client, '$connect', 'CONNECT', now),
  isBase64Encoded: false,
});

/** A message event for the selected route; binary frames arrive base64-encoded. */
export const buildMessageEvent = (
  client: WebSocketClient,
  routeKey: string,
  message: { data: Buffer; isBinary: boolean },
  now: Date,
) => ({
  requestContext: { ...requestContext(client, routeKey, 'MESSAGE', now), messageId: newRequestId() },
  body: message.data.toString(message.isBinary ? 'base64' : 'utf8'),
  isBase64Encoded: message.isBinary,
});

/** The `$disconnect` event, with the close code and reason. */
export const buildDisconnectEvent = (
  client: WebSocketClient,
  close: { code: number; reason: string },
  now: Date,
) => ({
  headers: { Host: client.domainName, 'X-Forwarded-For': client.sourceIp },
  multiValueHeaders: { Host: [client.domainName], 'X-Forwarded-For': [client.sourceIp] },
  requestContext: {
    ...requestContext(client, '$disconnect', 'DISCONNECT', now),
    disconnectStatusCode: close.code,
    disconnectReason: close.reason,
  },
  isBase64Encoded: false,
});
