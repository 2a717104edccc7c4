import { type AccountTokenBuckets, processTokenBuckets } from './AccountTokenBuckets.ts';
import { DriveAncestry } from './DriveAncestry.ts';
import { DriveHttp } from './DriveHttp.ts';
import { GoogleAccessTokens } from './GoogleAccessTokens.ts';
import { GoogleDriveChangeFeed } from './GoogleDriveChangeFeed.ts';
import { GOOGLE_DRIVE_API_URL, GoogleDriveClient } from './GoogleDriveClient.ts';
import { GoogleDriveLibrarySource } from './GoogleDriveLibrarySource.ts';
import { GoogleDriveWatch } from './GoogleDriveWatch.ts';
import { type Pacing, realPacing } from './pacing.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retryPolicy.ts';
import { parseServiceAccountKey } from './serviceAccountKey.ts';
import type { TokenBucketOptions } from './TokenBucket.ts';

/** How the wiring builds the Google Drive side of the drive; only the key is required. */
export interface GoogleDriveProviderOptions {
  /** The service-account key file's JSON, as read from Secrets Manager. Never logged. */
  readonly serviceAccountKeyJson: string;
  /** @default https://www.googleapis.com/drive/v3 */
  readonly apiBaseUrl?: string;
  /** The account's request rate, set by the first provider of the account in the process. */
  readonly rate?: TokenBucketOptions;
  /** Where the account's token bucket is kept. @default the process's ({@link processTokenBuckets}) */
  readonly buckets?: AccountTokenBuckets;
  readonly retry?: Partial<RetryPolicy>;
  readonly pacing?: Pacing;
  readonly fetch?: typeof fetch;
  /** How long a folder's parents are trusted before being read again. @default 5 minutes */
  readonly ancestryTtlMs?: number;
  /** Pages of the changes feed one read goes through. @default 20 */
  readonly maxChangePages?: number;
  /** How long one attempt waits for an answer's headers before it counts as failed. @default 15_000 (token: 10_000) */
  readonly requestTimeoutMs?: number;
}

/** Everything Google Drive gives the drive, sharing one token source and the account's token bucket. */
export interface GoogleDriveProvider {
  /** The service account's email: what band leaders share their folder with. */
  readonly serviceAccountEmail: string;
  readonly client: GoogleDriveClient;
  readonly source: GoogleDriveLibrarySource;
  readonly changes: GoogleDriveChangeFeed;
  readonly watch: GoogleDriveWatch;
}

/**
 * Builds the Google Drive provider for one service account: one access-token cache, shared by the listing,
 * the changes feed and the push channels, and the account's token bucket, shared with every other provider
 * of the same account in the process (Drive's quota is per account). Build it once per process (container).
 *
 * @example
 * ```ts
 * const drive = createGoogleDriveProvider({ serviceAccountKeyJson: secret });
 * const batch = await drive.changes.read(pageToken, bindings);
 * ```
 */
export const createGoogleDriveProvider = (options: GoogleDriveProviderOptions): GoogleDriveProvider => {
  const key = parseServiceAccountKey(options.serviceAccountKeyJson);
  const pacing = options.pacing ?? realPacing;
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const timeout =
    options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs };
  const tokens = new GoogleAccessTokens(key, {
    pacing,
    retry,
    ...timeout,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const http = new DriveHttp({
    apiBaseUrl: options.apiBaseUrl ?? GOOGLE_DRIVE_API_URL,
    tokens,
    bucket: (options.buckets ?? processTokenBuckets).bucketFor(key.clientEmail, pacing, options.rate),
    pacing,
    retry,
    ...timeout,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const client = new GoogleDriveClient(http);
  return {
    serviceAccountEmail: key.clientEmail,
    client,
    source: new GoogleDriveLibrarySource(client),
    changes: new GoogleDriveChangeFeed(client, new DriveAncestry(client, pacing, options.ancestryTtlMs), {
      ...(options.maxChangePages === undefined ? {} : { maxPages: options.maxChangePages }),
    }),
    watch: new GoogleDriveWatch(client, pacing),
  };
};
