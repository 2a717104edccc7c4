import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountTokenBuckets } from '../../../../../../functions/drive/providers/googleDrive/AccountTokenBuckets.ts';
import { createGoogleDriveProvider } from '../../../../../../functions/drive/providers/googleDrive/createGoogleDriveProvider.ts';
import type { Pacing } from '../../../../../../functions/drive/providers/googleDrive/pacing.ts';
import {
  type FakeGoogleDrive,
  startFakeGoogleDrive,
} from '../../../../../helpers/fakeGoogleDrive/startFakeGoogleDrive.ts';
import { fakePacing } from '../../../../../helpers/fakePacing.ts';

let drive: FakeGoogleDrive;
let folder: string;

beforeAll(async () => {
  drive = await startFakeGoogleDrive();
  folder = drive.state.addFolder('Band', drive.state.addHiddenFolder());
  drive.state.addFile('AllOfMe_Bb.pdf', folder, '%PDF');
});
afterAll(async () => {
  await drive.stop();
});

/** Two requests at once, then one a second: small enough to see who shares the bucket. */
const RATE = { capacity: 2, refillPerSecond: 1 };
const providerOn = (pacing: Pacing, buckets: AccountTokenBuckets) =>
  createGoogleDriveProvider({
    serviceAccountKeyJson: drive.serviceAccountKeyJson,
    apiBaseUrl: drive.apiBaseUrl,
    pacing,
    rate: RATE,
    buckets,
  });
const listWith = (provider: ReturnType<typeof providerOn>) =>
  provider.source.list({ bandId: 'band-1', sourceFolderId: folder }, []);

describe('AccountTokenBuckets: one token bucket per service account in a process', () => {
  it('gives every caller of an account the same bucket, other accounts and clocks their own', () => {
    const buckets = new AccountTokenBuckets();
    const clock = fakePacing();
    const first = buckets.bucketFor('drive@project.iam.gserviceaccount.com', clock, RATE);
    expect(buckets.bucketFor('drive@project.iam.gserviceaccount.com', clock, { capacity: 50 })).toBe(first);
    expect(buckets.bucketFor('other@project.iam.gserviceaccount.com', clock, RATE)).not.toBe(first);
    expect(buckets.bucketFor('drive@project.iam.gserviceaccount.com', fakePacing(), RATE)).not.toBe(first);
  });

  it('makes two providers of one account in one process share Drive’s quota', async () => {
    const pacing = fakePacing();
    const buckets = new AccountTokenBuckets();
    const a = providerOn(pacing, buckets);
    const b = providerOn(pacing, buckets);
    drive.requests.length = 0;
    await listWith(a);
    await listWith(b);
    // One files.list each: the bucket's two tokens are spent, by two providers.
    expect(drive.requests.filter((r) => r.operation === 'files.list')).toHaveLength(2);
    expect(pacing.sleeps).toEqual([]);
    await listWith(a);
    expect(pacing.sleeps).toEqual([1000]);
    await listWith(b);
    expect(pacing.sleeps).toEqual([1000, 1000]);
  });

  it('lets providers with buckets of their own (another process, in effect) each spend a full burst', async () => {
    const pacing = fakePacing();
    const a = providerOn(pacing, new AccountTokenBuckets());
    const b = providerOn(pacing, new AccountTokenBuckets());
    await listWith(a);
    await listWith(b);
    await listWith(a);
    await listWith(b);
    expect(pacing.sleeps).toEqual([]);
  });
});
