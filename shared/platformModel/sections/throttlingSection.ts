import type { ModuleManifest } from '../../contracts/moduleManifest.ts';
import type { ThrottleModel, ThrottlingModel } from '../PlatformModel.ts';
import { routeKeyOf } from '../routeKey.ts';
import type { ModelSection } from './ModelSection.ts';

const describeLimits = (t: ThrottleModel): string => `${t.rateLimit}/s, burst ${t.burstLimit}`;

/**
 * Throttling: the platform default for every route, and the tighter limits manifests declare on some. A route
 * may only tighten the default: the default is what the platform is sized for, so a route that needs more
 * raises it for everyone, where it is seen.
 */
export const throttlingSection = (
  manifests: readonly ModuleManifest[],
  defaults: ThrottleModel,
): ModelSection<ThrottlingModel> => {
  const problems: string[] = [];
  const routes: ThrottlingModel['routes'][number][] = [];
  for (const m of manifests) {
    for (const r of m.routes) {
      if (!r.throttle) continue;
      if (r.throttle.rateLimit > defaults.rateLimit || r.throttle.burstLimit > defaults.burstLimit) {
        problems.push(
          `Module "${m.name}" route ${routeKeyOf(r)} allows ${describeLimits(r.throttle)}, more than the ` +
            `platform default (${describeLimits(defaults)}): a route's limits only tighten the default; ` +
            'lower them, or raise DEFAULT_ROUTE_THROTTLE in shared/platformModel/modelConstants.ts.',
        );
      }
      routes.push({
        module: m.name,
        routeKey: routeKeyOf(r),
        localOnly: r.localOnly,
        rateLimit: r.throttle.rateLimit,
        burstLimit: r.throttle.burstLimit,
      });
    }
  }
  return { value: { default: { ...defaults }, routes }, problems };
};
