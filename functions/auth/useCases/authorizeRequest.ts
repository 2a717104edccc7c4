import type { AuthorizationRequest, AuthorizerVerdict } from '../../../shared/runtime/index.ts';
import { decideRouteAccess } from '../domain/routeAccess.ts';
import type { AuthDependencies } from './AuthDependencies.ts';

/**
 * The authorizer's decision. HTTP: a valid access token, then tenant isolation (`{bandId}` in the path → a
 * member of it) and the leader role on leader routes. WebSocket `$connect`: a valid access token.
 */
export const authorizeRequest = async (
  deps: Pick<AuthDependencies, 'verifier'>,
  request: AuthorizationRequest,
): Promise<AuthorizerVerdict> => {
  const identity = request.token ? await deps.verifier.verify(request.token) : null;
  if (request.edge === 'websocket') {
    return identity ? { effect: 'allow', identity } : { effect: 'unauthenticated' };
  }
  const decision = decideRouteAccess({
    identity,
    routeKey: request.routeKey,
    bandId: request.pathParameters.bandId,
    leaderRoutes: request.leaderRoutes,
  });
  return decision.effect === 'forbidden' ? { ...decision, userId: identity?.userId } : decision;
};
