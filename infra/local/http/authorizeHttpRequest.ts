import { GATEWAY_MESSAGES } from './apiGatewayConstants.ts';
import type { HttpApiRequestParts } from './buildHttpApiEvent.ts';
import { buildHttpAuthorizerEvent } from './buildHttpApiEvent.ts';
import type { GatewayResponse } from './GatewayResponse.ts';
import { gatewayError } from './GatewayResponse.ts';
import type { MatchedRoute } from './HttpRouteTable.ts';
import type { IncomingHttpRequest } from './IncomingHttpRequest.ts';
import type { Invoke } from './Invoke.ts';
import { invokeAsIntegration } from './Invoke.ts';

/** The authorizer's verdict: the context to pass to the route, or the response API Gateway sends instead. */
export type HttpAuthorization =
  | { readonly allowed: true; readonly context: Record<string, unknown> }
  | { readonly allowed: false; readonly response: GatewayResponse };

/**
 * Runs the Lambda authorizer of a non-public route as an HTTP API does with simple responses and the
 * `Authorization` header as identity source: no header → 401 without calling it; an `Unauthorized` error
 * → 401; `isAuthorized: false` → 403; any other failure or a malformed answer → 500. With no authorizer at all the route fails closed (401).
 */
export const authorizeHttpRequest = async (input: {
  readonly invoke: Invoke;
  readonly authorizerFunctionId: string | null;
  readonly request: IncomingHttpRequest;
  readonly matched: MatchedRoute;
  readonly parts: HttpApiRequestParts;
  readonly integrationTimeoutMs: number;
}): Promise<HttpAuthorization> => {
  const { invoke, authorizerFunctionId, request, matched, parts } = input;
  const identitySource = parts.headers.authorization;
  if (authorizerFunctionId === null || identitySource === undefined || identitySource === '') {
    return { allowed: false, response: gatewayError(401, GATEWAY_MESSAGES.unauthorized) };
  }
  const event = buildHttpAuthorizerEvent(request, matched, parts, identitySource);
  const outcome = await invokeAsIntegration(invoke, authorizerFunctionId, event, input.integrationTimeoutMs);
  // The one error API Gateway maps rather than hides: an authorizer failing with "Unauthorized" is a 401.
  if (!outcome.ok && outcome.errorMessage === GATEWAY_MESSAGES.unauthorized) {
    return { allowed: false, response: gatewayError(401, GATEWAY_MESSAGES.unauthorized) };
  }
  if (!outcome.ok || !isSimpleResponse(outcome.result)) {
    return { allowed: false, response: gatewayError(500, GATEWAY_MESSAGES.internalError) };
  }
  if (!outcome.result.isAuthorized) {
    return { allowed: false, response: gatewayError(403, GATEWAY_MESSAGES.forbidden) };
  }
  const context = outcome.result.context;
  return { allowed: true, context: typeof context === 'object' && context !== null ? { ...context } : {} };
};

const isSimpleResponse = (result: unknown): result is { isAuthorized: boolean; context?: unknown } =>
  typeof result === 'object' &&
  result !== null &&
  typeof (result as { isAuthorized?: unknown }).isAuthorized === 'boolean';
