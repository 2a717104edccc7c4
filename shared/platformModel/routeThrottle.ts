import type { ThrottleModel, ThrottlingModel } from './PlatformModel.ts';

/** The limits of one route (by route key): its own if its manifest declares them, else the platform default. */
export const routeThrottle = (throttling: ThrottlingModel, routeKey: string): ThrottleModel => {
  const own = throttling.routes.find((r) => r.routeKey === routeKey);
  return own ? { rateLimit: own.rateLimit, burstLimit: own.burstLimit } : throttling.default;
};
