import type { Identity } from '../../../../../shared/contracts/identity.ts';
import type { WebSocketEvent } from '../../../../../shared/runtime/websocket/WebSocketRequest.ts';

const ROUTE_EVENT_TYPE = { $connect: 'CONNECT', $disconnect: 'DISCONNECT' } as const;

/**
 * An API Gateway WebSocket event as the real edge (and infra/local/websocket) builds it: `$connect` with the
 * handshake headers, messages with a body, the authorizer context FLAT under `requestContext.authorizer`.
 */
export const webSocketEvent = (
  overrides: {
    routeKey?: string;
    body?: string;
    isBase64Encoded?: boolean;
    connectionId?: string;
    identity?: Identity | string | null;
    authorizer?: Record<string, unknown>;
    headers?: Record<string, string>;
  } = {},
): WebSocketEvent => {
  const routeKey = overrides.routeKey ?? 'join';
  const eventType =
    routeKey === '$connect' || routeKey === '$disconnect' ? ROUTE_EVENT_TYPE[routeKey] : 'MESSAGE';
  const authorizer =
    overrides.authorizer ??
    (overrides.identity === undefined || overrides.identity === null
      ? undefined
      : {
          principalId: 'user-1',
          integrationLatency: 12,
          identity:
            typeof overrides.identity === 'string' ? overrides.identity : JSON.stringify(overrides.identity),
        });
  return {
    ...(eventType === 'CONNECT'
      ? { headers: { Host: 'localhost', 'Sec-WebSocket-Version': '13', ...overrides.headers } }
      : {}),
    requestContext: {
      routeKey,
      eventType,
      ...(eventType === 'MESSAGE' ? { messageId: 'msg-1' } : {}),
      extendedRequestId: 'req-ws-1',
      requestTime: '01/Jan/2025:00:00:00 +0000',
      messageDirection: 'IN',
      stage: 'live',
      connectedAt: 1735689600000,
      requestTimeEpoch: 1735689600000,
      requestId: 'req-ws-1',
      domainName: 'ws.example.com',
      connectionId: overrides.connectionId ?? 'conn-1=',
      apiId: 'api123',
      ...(authorizer === undefined ? {} : { authorizer }),
    },
    ...(overrides.body === undefined ? {} : { body: overrides.body }),
    isBase64Encoded: overrides.isBase64Encoded ?? false,
  };
};
