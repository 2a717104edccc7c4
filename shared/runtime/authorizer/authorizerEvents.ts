/**
 * The API Gateway Lambda authorizer shapes the kit owns, for both edges: HTTP API (payload 2.0, simple
 * responses) and WebSocket `$connect` (REST-style REQUEST authorizer, IAM policy responses).
 */

/** HTTP API (payload 2.0) authorizer event: the parts the kit reads. */
export interface HttpAuthorizerEvent {
  readonly version: '2.0';
  readonly type: 'REQUEST';
  readonly routeKey?: string;
  readonly headers?: Record<string, string | undefined>;
  readonly pathParameters?: Record<string, string | undefined> | null;
  readonly requestContext?: { readonly requestId?: string };
}

/** WebSocket `$connect` (REST-style REQUEST) authorizer event: the parts the kit reads. */
export interface WebSocketAuthorizerEvent {
  readonly type: 'REQUEST';
  readonly methodArn: string;
  readonly queryStringParameters?: Record<string, string | undefined> | null;
  readonly requestContext?: { readonly requestId?: string };
}

/** HTTP API simple response: `isAuthorized: false` is a 403. */
export interface SimpleAuthorizerResponse {
  readonly isAuthorized: boolean;
  readonly context?: Record<string, string>;
}

/** WebSocket (REST-style) policy response: a Deny is a 403. */
export interface PolicyAuthorizerResponse {
  readonly principalId: string;
  readonly policyDocument: {
    readonly Version: '2012-10-17';
    readonly Statement: { Action: string; Effect: 'Allow' | 'Deny'; Resource: string }[];
  };
  readonly context?: Record<string, string>;
}

/**
 * API Gateway turns exactly this error message into a 401 (REST, WebSocket and HTTP API Lambda
 * authorizers); a simple `isAuthorized: false` or a Deny policy means 403.
 */
export const UNAUTHORIZED = 'Unauthorized';

/**
 * The query string parameter that carries the token on WebSocket `$connect` (browsers cannot set headers on
 * a WebSocket): the identity source of both renderers' WebSocket authorizer.
 */
export const WEBSOCKET_TOKEN_PARAMETER = 'token';

export const isHttpAuthorizerEvent = (event: unknown): event is HttpAuthorizerEvent =>
  typeof event === 'object' && event !== null && (event as { version?: unknown }).version === '2.0';

export const isWebSocketAuthorizerEvent = (event: unknown): event is WebSocketAuthorizerEvent =>
  typeof event === 'object' &&
  event !== null &&
  typeof (event as { methodArn?: unknown }).methodArn === 'string';

/** The Bearer token of an `Authorization` header (any case), if it is one. */
export const bearerToken = (headers: Record<string, string | undefined> | undefined): string | undefined => {
  const value = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(value?.trim() ?? '');
  return match?.[1];
};

/** An IAM policy of one statement on one resource. */
export const policyResponse = (
  principalId: string,
  effect: 'Allow' | 'Deny',
  resource: string,
  context?: Record<string, string>,
): PolicyAuthorizerResponse => ({
  principalId,
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
  },
  ...(context ? { context } : {}),
});
