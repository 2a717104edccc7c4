import type { Pacing } from './pacing.ts';
import { TokenBucket, type TokenBucketOptions } from './TokenBucket.ts';

/**
 * One token bucket per service account, whoever asks: Drive's quota is per user, so every provider built in
 * a process for the same account (a container's listing, changes feed, download and channels, or a second
 * provider after the key was read again) draws from the same bucket. Buckets are kept per clock too: a
 * bucket measures refills with one `Pacing`, and tests with a fake clock each get their own.
 *
 * Across Lambda containers each container paces itself; a bucket shared by containers would need a shared
 * store (a conditional counter in DynamoDB per request), and the backoff on 403/429 already guards the quota.
 */
export class AccountTokenBuckets {
  private readonly byClock = new WeakMap<Pacing, Map<string, TokenBucket>>();

  /**
   * The account's bucket on this clock, made with `rate` on first use. A later caller's `rate` does not
   * change it: the quota it models is the account's, not the caller's.
   */
  bucketFor(account: string, pacing: Pacing, rate?: TokenBucketOptions): TokenBucket {
    let buckets = this.byClock.get(pacing);
    if (buckets === undefined) {
      buckets = new Map();
      this.byClock.set(pacing, buckets);
    }
    let bucket = buckets.get(account);
    if (bucket === undefined) {
      bucket = new TokenBucket(pacing, rate);
      buckets.set(account, bucket);
    }
    return bucket;
  }
}

/** The process's buckets: what `createGoogleDriveProvider` uses unless told otherwise. */
export const processTokenBuckets = new AccountTokenBuckets();
