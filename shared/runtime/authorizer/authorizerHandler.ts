import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { AUTHORIZER_IDENTITY_KEY, type Identity } from '../../contracts/identity.ts';
import { AUTHORIZER_METRICS } from '../../contracts/platformMetrics.ts';
import { CORRELATION_ID_HEADER, pickCorrelationId } from '../http/correlationId.ts';
import { createLogger } from '../observability/logger.ts';
import { createMetrics } from '../observability/metrics.ts';
import { runtimeConfig } from '../runtimeConfig.ts';
import {
  bearerToken,
  type HttpAuthorizerEvent,
  isHttpAuthorizerEvent,
  isWebSocketAuthorizerEvent,
  type PolicyAuthorizerResponse,
  policyResponse,
  type SimpleAuthorizerResponse,
  UNAUTHORIZED,
  WEBSOCKET_TOKEN_PARAMETER,
  type WebSocketAuthorizerEvent,
} from './authorizerEvents.ts';

/**
 * Expected refusals (no, bad or expired token; not a member; not a leader): counted for the dashboard, never
 * alarmed on — an internet-facing API sees them all day.
 */
export const AUTHORIZER_REFUSALS_METRIC = AUTHORIZER_METRICS.refusals;
/** The authorizer could not decide (e.g. the key store is unreachable): the authorizer's module alarms on it. */
export const AUTHORIZER_FAILURES_METRIC = AUTHORIZER_METRICS.failures;

/** What the module's decision gets to see of a request, whichever edge it came through. */
export type AuthorizationRequest =
  | {
      readonly edge: 'http';
      /** The Bearer token of the `Authorization` header. */
      readonly token: string | undefined;
      /** `METHOD /path/{param}`, as in the model. */
      readonly routeKey: string;
      readonly pathParameters: Readonly<Record<string, string | undefined>>;
      /** Route keys that need the leader role, as the platform set them (`SOLEIL_LEADER_ROUTES`). */
      readonly leaderRoutes: ReadonlySet<string>;
    }
  | {
      readonly edge: 'websocket';
      /** The `token` query string parameter of `$connect`. */
      readonly token: string | undefined;
      readonly methodArn: string;
    };

/** The module's decision. */
export type AuthorizerVerdict =
  | { readonly effect: 'allow'; readonly identity: Identity }
  /** No valid credentials: 401. */
  | { readonly effect: 'unauthenticated' }
  /** Valid credentials, not enough rights: 403. */
  | { readonly effect: 'forbidden'; readonly reason: string; readonly userId?: string | undefined };

/** Options of {@link authorizerHandler}. */
export interface AuthorizerHandlerOptions {
  /** Decides; throwing means "could not decide" (a 500, counted as a failure). */
  readonly authorize: (request: AuthorizationRequest) => Promise<AuthorizerVerdict>;
  /** @default env SOLEIL_MODULE */
  readonly module?: string;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
}

/** The Lambda handler authorizerHandler returns. */
export type AuthorizerLambdaHandler = (
  event: unknown,
) => Promise<SimpleAuthorizerResponse | PolicyAuthorizerResponse>;

const correlationIdOf = (event: HttpAuthorizerEvent | WebSocketAuthorizerEvent): string => {
  const headers = 'headers' in event ? event.headers : undefined;
  const header = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === CORRELATION_ID_HEADER);
  return pickCorrelationId(header?.[1], event.requestContext?.requestId);
};

/**
 * The platform's Lambda authorizer for both edges, around the module's decision. It reads the API Gateway
 * event (HTTP API payload 2.0 → the Bearer token, route key, path parameters and the leader routes;
 * WebSocket `$connect` → the `token` query parameter) and answers in that edge's shape: an allowed identity
 * goes JSON-encoded under context key `identity` (simple response / Allow policy on `methodArn`); a
 * forbidden one is `isAuthorized: false` / a Deny policy (403); an unauthenticated one throws
 * `Error('Unauthorized')`, which API Gateway answers with 401. Refusals are counted as
 * {@link AUTHORIZER_REFUSALS_METRIC}, anything thrown otherwise as {@link AUTHORIZER_FAILURES_METRIC};
 * metrics are flushed on every path.
 *
 * @example
 * ```ts
 * export const handler = authorizerHandler({
 *   authorize: (request) => authorizeRequest(authDependencies(), request),
 * });
 * ```
 */
export const authorizerHandler = (options: AuthorizerHandlerOptions): AuthorizerLambdaHandler => {
  const module = options.module ?? runtimeConfig.moduleOr('unknown');
  const logger = options.logger ?? createLogger(module);
  const metrics = options.metrics ?? createMetrics(module);
  /** The errors thrown on purpose (→ 401), as opposed to failures. */
  const refusals = new WeakSet<Error>();

  const refuse = (
    message: string,
    detail: Record<string, unknown>,
    level: 'info' | 'warn' = 'info',
  ): Error => {
    logger[level](message, detail);
    metrics.addMetric(AUTHORIZER_REFUSALS_METRIC, MetricUnit.Count, 1);
    const error = new Error(UNAUTHORIZED);
    refusals.add(error);
    return error;
  };

  const forbid = (verdict: Extract<AuthorizerVerdict, { effect: 'forbidden' }>, edge: string): void => {
    logger.info('authorizer refused: not allowed', { edge, reason: verdict.reason, userId: verdict.userId });
    metrics.addMetric(AUTHORIZER_REFUSALS_METRIC, MetricUnit.Count, 1);
  };

  const identityContext = (identity: Identity) => ({ [AUTHORIZER_IDENTITY_KEY]: JSON.stringify(identity) });

  const authorizeHttp = async (event: HttpAuthorizerEvent): Promise<SimpleAuthorizerResponse> => {
    const routeKey = event.routeKey ?? '';
    const verdict = await options.authorize({
      edge: 'http',
      token: bearerToken(event.headers),
      routeKey,
      pathParameters: event.pathParameters ?? {},
      leaderRoutes: new Set(runtimeConfig.leaderRoutes()),
    });
    if (verdict.effect === 'unauthenticated') {
      throw refuse('authorizer refused: no valid token', { edge: 'http', routeKey });
    }
    if (verdict.effect === 'forbidden') {
      forbid(verdict, 'http');
      return { isAuthorized: false };
    }
    return { isAuthorized: true, context: identityContext(verdict.identity) };
  };

  const authorizeWebSocket = async (event: WebSocketAuthorizerEvent): Promise<PolicyAuthorizerResponse> => {
    const verdict = await options.authorize({
      edge: 'websocket',
      token: event.queryStringParameters?.[WEBSOCKET_TOKEN_PARAMETER],
      methodArn: event.methodArn,
    });
    if (verdict.effect === 'unauthenticated') {
      throw refuse('authorizer refused WebSocket connect: no valid token', { edge: 'websocket' });
    }
    if (verdict.effect === 'forbidden') {
      forbid(verdict, 'websocket');
      return policyResponse(verdict.userId ?? 'anonymous', 'Deny', event.methodArn);
    }
    return policyResponse(
      verdict.identity.userId,
      'Allow',
      event.methodArn,
      identityContext(verdict.identity),
    );
  };

  return async (event) => {
    logger.resetKeys();
    try {
      if (isHttpAuthorizerEvent(event)) {
        logger.appendKeys({ correlationId: correlationIdOf(event) });
        return await authorizeHttp(event);
      }
      if (isWebSocketAuthorizerEvent(event)) {
        logger.appendKeys({ correlationId: correlationIdOf(event) });
        return await authorizeWebSocket(event);
      }
      throw refuse('authorizer called with an event it does not know', {}, 'warn');
    } catch (error) {
      if (!(error instanceof Error && refusals.has(error))) {
        metrics.addMetric(AUTHORIZER_FAILURES_METRIC, MetricUnit.Count, 1);
        logger.error('authorizer failed', { error });
      }
      throw error;
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
      logger.resetKeys();
    }
  };
};
