import type { ThrottlingModel } from '../../../shared/platformModel/PlatformModel.ts';
import { routeThrottle } from '../../../shared/platformModel/routeThrottle.ts';
import { TokenBucket } from './TokenBucket.ts';

/**
 * The model's throttling on the embedded HTTP edge, as API Gateway applies it: one bucket per route (its own
 * limits, else the default), shared by every caller — the stage's limits are not per client.
 */
export class RouteThrottles {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly throttling: ThrottlingModel,
    private readonly clock: () => number,
  ) {}

  /** Lets a request to `routeKey` through (`0`), or says how many milliseconds until one may pass. */
  take(routeKey: string): number {
    const now = this.clock();
    let bucket = this.buckets.get(routeKey);
    if (bucket === undefined) {
      bucket = new TokenBucket(routeThrottle(this.throttling, routeKey), now);
      this.buckets.set(routeKey, bucket);
    }
    return bucket.take(now);
  }
}
