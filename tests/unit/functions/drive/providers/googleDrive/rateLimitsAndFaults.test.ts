import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AccountTokenBuckets } from '../../../../../../functions/drive/providers/googleDrive/AccountTokenBuckets.ts';
import {
  createGoogleDriveProvider,
  type GoogleDriveProvider,
} from '../../../../../../functions/drive/providers/googleDrive/createGoogleDriveProvider.ts';
import {
  DriveAuthError,
  DriveRequestError,
  DriveUnavailableError,
} from '../../../../../../functions/drive/providers/googleDrive/driveErrors.ts';
import { DEFAULT_RETRY_POLICY } from '../../../../../../functions/drive/providers/googleDrive/retryPolicy.ts';
import { toProblem } from '../../../../../../shared/runtime/errors/toProblem.ts';
import {
  type FakeGoogleDrive,
  startFakeGoogleDrive,
} from '../../../../../helpers/fakeGoogleDrive/startFakeGoogleDrive.ts';
import { type FakePacing, fakePacing } from '../../../../../helpers/fakePacing.ts';

let drive: FakeGoogleDrive;
let provider: GoogleDriveProvider;
let pacing: FakePacing;
let band: string;

const listings = () => drive.requests.filter((r) => r.operation === 'files.list');
const listBand = () => provider.source.list({ bandId: 'band-1', sourceFolderId: band }, []);

beforeAll(async () => {
  drive = await startFakeGoogleDrive();
  band = drive.state.addFolder('Band', drive.state.addHiddenFolder());
  drive.state.addFile('AllOfMe_Bb.pdf', band, '%PDF');
});
afterAll(async () => {
  await drive.stop();
});
beforeEach(() => {
  drive.clearFaults();
  drive.requests.length = 0;
  pacing = fakePacing();
  provider = createGoogleDriveProvider({
    serviceAccountKeyJson: drive.serviceAccountKeyJson,
    apiBaseUrl: drive.apiBaseUrl,
    pacing,
  });
});

describe('Google Drive rate limits and faults, over HTTP', () => {
  it('succeeds after 429 three times, backing off exponentially with full jitter', async () => {
    drive.injectFaults({ status: 429 }, { status: 429 }, { status: 429 });
    const listing = await listBand();
    expect(listing.entries.map((e) => e.name)).toEqual(['AllOfMe_Bb.pdf']);
    expect(listings().map((r) => r.status)).toEqual([429, 429, 429, 200]);
    // random() ≈ 1, so each wait is its ceiling: base × 2^(n−1).
    expect(pacing.sleeps).toEqual([499, 999, 1999]);
  });

  it.each(['userRateLimitExceeded', 'rateLimitExceeded'])('retries a 403 %s like a 429', async (reason) => {
    drive.injectFaults({ status: 403, reason });
    await listBand();
    expect(listings().map((r) => r.status)).toEqual([403, 200]);
  });

  it('fails with a typed error after the bounded attempts when Drive stays unavailable', async () => {
    drive.failAlways({ status: 503, operation: 'files.list' });
    const failure = await listBand().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DriveUnavailableError);
    expect(failure).toMatchObject({ operation: 'files.list', attempts: 5, lastStatus: 503 });
    expect(listings()).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts);
    expect(pacing.sleeps).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts - 1);
    expect(toProblem(failure)).toMatchObject({
      status: 503,
      type: expect.stringMatching(/drive-unavailable$/),
    });
  });

  it('does not retry a refusal that retrying cannot fix (403 without a rate-limit reason)', async () => {
    drive.injectFaults({ status: 403, reason: 'insufficientFilePermissions', operation: 'files.list' });
    await expect(listBand()).rejects.toMatchObject({
      constructor: DriveRequestError,
      httpStatus: 403,
      reason: 'insufficientFilePermissions',
    });
    expect(listings()).toHaveLength(1);
  });

  it('waits at least as long as Retry-After asks', async () => {
    drive.injectFaults({ status: 429, retryAfter: '7' });
    await listBand();
    expect(pacing.sleeps).toEqual([7000]);
  });

  it('gives up at once when Retry-After asks for longer than the policy allows', async () => {
    drive.injectFaults({ status: 503, retryAfter: '3600' });
    await expect(listBand()).rejects.toMatchObject({ constructor: DriveUnavailableError, attempts: 1 });
    expect(pacing.sleeps).toEqual([]);
  });

  it('gets a new token once when Drive answers 401 (a revoked token), then carries on', async () => {
    await listBand();
    const tokensBefore = drive.requests.filter((r) => r.operation === 'token').length;
    drive.revokeTokens();
    await listBand();
    expect(drive.requests.filter((r) => r.operation === 'token').length).toBe(tokensBefore + 1);
    expect(listings().map((r) => r.status)).toEqual([200, 401, 200]);
  });

  it('signs in once and reuses the access token across requests', async () => {
    await listBand();
    await listBand();
    await provider.changes.startPageToken();
    expect(drive.requests.filter((r) => r.operation === 'token')).toHaveLength(1);
  });

  it('retries the token endpoint’s 5xx too', async () => {
    drive.injectFaults({ status: 500, operation: 'token' });
    await listBand();
    expect(drive.requests.filter((r) => r.operation === 'token').map((r) => r.status)).toEqual([500, 200]);
  });

  it('fails with DriveAuthError when the token endpoint refuses the assertion, saying nothing of the key', async () => {
    const other = await startFakeGoogleDrive();
    try {
      // The other fake's key, but this fake's token endpoint: the signature does not verify.
      const key = JSON.parse(other.serviceAccountKeyJson) as Record<string, string>;
      const wrong = createGoogleDriveProvider({
        serviceAccountKeyJson: JSON.stringify({ ...key, token_uri: drive.tokenUrl }),
        apiBaseUrl: drive.apiBaseUrl,
        pacing,
      });
      const failure = await wrong.source
        .list({ bandId: 'band-1', sourceFolderId: band }, [])
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DriveAuthError);
      expect(failure).toMatchObject({ errorCode: 'invalid_grant' });
      expect(JSON.stringify(toProblem(failure))).not.toContain('PRIVATE KEY');
      expect(String((failure as Error).message)).not.toContain(key.private_key?.slice(40, 80));
    } finally {
      await other.stop();
    }
  });

  it('treats an unreachable Drive as unavailable after the bounded attempts', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
      });
    });
    const nowhere = createGoogleDriveProvider({
      serviceAccountKeyJson: drive.serviceAccountKeyJson,
      apiBaseUrl: `http://127.0.0.1:${port}/drive/v3`,
      pacing,
      retry: { maxAttempts: 3 },
    });
    await expect(nowhere.changes.startPageToken()).rejects.toMatchObject({
      constructor: DriveUnavailableError,
      attempts: 3,
      lastStatus: null,
    });
  });

  it('counts an answer slower than the request timeout as a failed attempt, and a slow enough one as fine', async () => {
    const impatient = createGoogleDriveProvider({
      serviceAccountKeyJson: drive.serviceAccountKeyJson,
      apiBaseUrl: drive.apiBaseUrl,
      pacing,
      retry: { maxAttempts: 2 },
      requestTimeoutMs: 500,
    });
    await impatient.changes.startPageToken(); // signs in while the fake is fast
    drive.setLatency(1500);
    try {
      await expect(impatient.changes.startPageToken()).rejects.toMatchObject({
        constructor: DriveUnavailableError,
        attempts: 2,
        lastStatus: null,
      });
      drive.setLatency(20);
      await expect(impatient.changes.startPageToken()).resolves.toMatch(/^\d+$/);
    } finally {
      drive.setLatency(0);
    }
  });

  it('paces requests with the account’s token bucket', async () => {
    const slow = createGoogleDriveProvider({
      serviceAccountKeyJson: drive.serviceAccountKeyJson,
      apiBaseUrl: drive.apiBaseUrl,
      pacing,
      rate: { capacity: 2, refillPerSecond: 4 },
      // Buckets of its own: in the test's process the account's bucket exists already (the first provider's
      // rate made it, and it is shared by every provider of the account).
      buckets: new AccountTokenBuckets(),
    });
    for (let i = 0; i < 4; i++) await slow.changes.startPageToken();
    // Two at once from the full bucket, then one every 250 ms.
    expect(pacing.sleeps).toEqual([250, 250]);
  });
});
