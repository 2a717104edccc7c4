import { authorizerHandler } from '../../../shared/runtime/index.ts';
import { authorizeRequest } from '../useCases/authorizeRequest.ts';
import { authDependencies } from '../wiring/authDependencies.ts';

/**
 * The one authorizer for both edges (HTTP API routes that are not public, WebSocket `$connect`). The kit
 * reads API Gateway's event and answers in its shape; auth decides. No valid token → 401; not allowed → 403.
 */
export const handler = authorizerHandler({
  authorize: (request) => authorizeRequest(authDependencies(), request),
});
