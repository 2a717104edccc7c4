import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { AUTHORIZER_IDENTITY_KEY } from '../../../shared/contracts/identity.ts';
import { createLogger, createMetrics, runtimeConfig } from '../../../shared/runtime/index.ts';
import { AUTH_METRICS } from '../domain/authMetrics.ts';
import { decideRouteAccess } from '../domain/routeAccess.ts';
import { authDependencies } from '../wiring/authDependencies.ts';

/** HTTP API (payload 2.0) authorizer event: the parts this authorizer reads. */
interface HttpAuthorizerEvent {
  readonly version: '2.0';
  readonly type: 'REQUEST';
  readonly routeKey?: string;
  readonly headers?: Record<string, string | undefined>;
  readonly pathParameters?: Record<string, string | undefined> | null;
}

/** WebSocket `$connect` (REST-style REQUEST) authorizer event: the parts this authorizer reads. */
interface WebSocketAuthorizerEvent {
  readonly type: 'REQUEST';
  readonly methodArn: string;
  readonly queryStringParameters?: Record<string, string | undefined> | null;
}

/** HTTP API simple response. */
export interface SimpleAuthorizerResponse {
  readonly isAuthorized: boolean;
  readonly context?: Record<string, string>;
}

/** WebSocket (REST-style) policy response. */
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

const logger = createLogger('auth');
const metrics = createMetrics('auth');
/** The errors this handler throws on purpose (→ 401), as opposed to failures. */
const refusals = new WeakSet<Error>();

const refuse = (): Error => {
  metrics.addMetric(AUTH_METRICS.authorizerRefusals, MetricUnit.Count, 1);
  const error = new Error(UNAUTHORIZED);
  refusals.add(error);
  return error;
};

const isHttpEvent = (event: unknown): event is HttpAuthorizerEvent =>
  typeof event === 'object' && event !== null && (event as { version?: unknown }).version === '2.0';

const isWebSocketEvent = (event: unknown): event is WebSocketAuthorizerEvent =>
  typeof event === 'object' &&
  event !== null &&
  typeof (event as { methodArn?: unknown }).methodArn === 'string';

const bearerToken = (headers: Record<string, string | undefined> | undefined): string | undefined => {
  const value = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(value?.trim() ?? '');
  return match?.[1];
};

const policy = (
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

/**
 * The one authorizer for both edges (see {@link handler}). Refusals are counted as
 * `AuthorizerRefusals`; anything else it throws as `AuthorizerFailures`.
 */
const authorize = async (event: unknown): Promise<SimpleAuthorizerResponse | PolicyAuthorizerResponse> => {
  const { verifier } = authDependencies();
  if (isHttpEvent(event)) {
    const token = bearerToken(event.headers);
    const identity = token ? await verifier.verify(token) : null;
    const routeKey = event.routeKey ?? '';
    const decision = decideRouteAccess({
      identity,
      routeKey,
      bandId: event.pathParameters?.bandId,
      leaderRoutes: new Set(runtimeConfig.leaderRoutes()),
    });
    if (decision.effect === 'unauthenticated') {
      logger.info('authorizer refused: no valid token', { routeKey });
      throw refuse();
    }
    if (decision.effect === 'forbidden') {
      logger.info('authorizer refused: not allowed', {
        routeKey,
        reason: decision.reason,
        userId: identity?.userId,
      });
      metrics.addMetric(AUTH_METRICS.authorizerRefusals, MetricUnit.Count, 1);
      return { isAuthorized: false };
    }
    return { isAuthorized: true, context: { [AUTHORIZER_IDENTITY_KEY]: JSON.stringify(decision.identity) } };
  }
  if (isWebSocketEvent(event)) {
    const token = event.queryStringParameters?.token;
    const identity = token ? await verifier.verify(token) : null;
    if (!identity) {
      logger.info('authorizer refused WebSocket connect: no valid token');
      throw refuse();
    }
    return policy(identity.userId, 'Allow', event.methodArn, {
      [AUTHORIZER_IDENTITY_KEY]: JSON.stringify(identity),
    });
  }
  logger.warn('authorizer called with an event it does not know');
  throw refuse();
};

/**
 * The one authorizer for both edges. HTTP API: the Bearer token, then tenant isolation (`{bandId}` in the
 * path → a member of it) and the leader role on leader routes (`SOLEIL_LEADER_ROUTES`). WebSocket
 * `$connect`: the token in the query string `token`. No valid token → 401; not allowed → 403.
 */
export const handler = async (
  event: unknown,
): Promise<SimpleAuthorizerResponse | PolicyAuthorizerResponse> => {
  try {
    return await authorize(event);
  } catch (error) {
    if (!(error instanceof Error && refusals.has(error))) {
      metrics.addMetric(AUTH_METRICS.authorizerFailures, MetricUnit.Count, 1);
      logger.error('authorizer failed', { error });
    }
    throw error;
  } finally {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
};
