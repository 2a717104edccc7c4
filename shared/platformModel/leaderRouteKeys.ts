import type { PlatformModel } from './PlatformModel.ts';
import { routeKeyOf } from './routeKey.ts';

/**
 * Route keys (`METHOD /path`) of the leader routes a renderer serves, which its authorizer must restrict to
 * the band's leaders. AWS never deploys `localOnly` routes, so it leaves them out; the embedded platform serves
 * them, so it keeps them (a local leader route left out would be open to every member).
 */
export const leaderRouteKeys = (
  model: Pick<PlatformModel, 'routes'>,
  options: { readonly includeLocalOnly: boolean },
): string[] =>
  model.routes
    .filter((r) => r.auth === 'leader' && (options.includeLocalOnly || !r.localOnly))
    .map(routeKeyOf);
