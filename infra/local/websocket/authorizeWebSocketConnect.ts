import { WEBSOCKET_TOKEN_PARAMETER } from '../../../shared/runtime/authorizer/authorizerEvents.ts';
import type { Invoke } from '../http/Invoke.ts';
import { invokeAsIntegration } from '../http/Invoke.ts';
import { buildWebSocketAuthorizerEvent, type WebSocketHandshake } from './buildWebSocketEvents.ts';
import { evaluateAuthorizerPolicy } from './evaluateAuthorizerPolicy.ts';
import type { WebSocketClient } from './WebSocketClient.ts';

/** The verdict on a `$connect`: the `requestContext.authorizer` for the connection, or the HTTP status. */
export type WebSocketAuthorization =
  | { readonly allowed: true; readonly authorizer: Record<string, unknown> }
  | { readonly allowed: false; readonly status: 401 | 403 | 500 };

/**
 * Runs the REQUEST authorizer of a WebSocket API's `$connect` as API Gateway does, with
 * `route.request.querystring.token` as identity source: no token → 401 without calling it; an
 * `Unauthorized` error → 401; a Deny (or no Allow) policy → 403; anything else that fails → 500.
 */
export const authorizeWebSocketConnect = async (input: {
  readonly invoke: Invoke;
  readonly authorizerFunctionId: string;
  readonly client: WebSocketClient;
  readonly handshake: WebSocketHandshake;
  readonly integrationTimeoutMs: number;
}): Promise<WebSocketAuthorization> => {
  const token = new URLSearchParams(input.handshake.rawQueryString).get(WEBSOCKET_TOKEN_PARAMETER);
  if (token === null || token === '') return { allowed: false, status: 401 };

  const event = buildWebSocketAuthorizerEvent(input.client, input.handshake, new Date());
  const started = Date.now();
  const outcome = await invokeAsIntegration(
    input.invoke,
    input.authorizerFunctionId,
    event,
    input.integrationTimeoutMs,
  );
  if (!outcome.ok) return { allowed: false, status: outcome.errorMessage === 'Unauthorized' ? 401 : 500 };

  const result = outcome.result as {
    principalId?: unknown;
    policyDocument?: unknown;
    context?: unknown;
  } | null;
  if (typeof result !== 'object' || result === null || typeof result.principalId !== 'string') {
    return { allowed: false, status: 500 };
  }
  const verdict = evaluateAuthorizerPolicy(result.policyDocument, event.methodArn);
  if (verdict === undefined) return { allowed: false, status: 500 };
  if (!verdict) return { allowed: false, status: 403 };

  const context = result.context ?? {};
  // API Gateway only passes flat string/number/boolean context values; anything else is a misconfiguration.
  if (
    typeof context !== 'object' ||
    Object.values(context).some((v) => !['string', 'number', 'boolean'].includes(typeof v))
  ) {
    return { allowed: false, status: 500 };
  }
  return {
    allowed: true,
    authorizer: { ...context, principalId: result.principalId, integrationLatency: Date.now() - started },
  };
};
