import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GoogleDriveAccess } from '../../../../../functions/drive/providers/googleDrive/GoogleDriveAccess.ts';
import {
  CHANNEL_RENEWAL_LEAD_MS,
  type RenewChannelsDependencies,
  renewChannels,
} from '../../../../../functions/drive/useCases/renewChannels.ts';
import {
  type FakeGoogleDrive,
  startFakeGoogleDrive,
} from '../../../../helpers/fakeGoogleDrive/startFakeGoogleDrive.ts';
import { type FakePacing, fakePacing } from '../../../../helpers/fakePacing.ts';
import { InMemoryChangeFeedStore } from '../../../../helpers/inMemoryDriveStores.ts';

const HOUR = 60 * 60_000;
let drive: FakeGoogleDrive;
let feed: InMemoryChangeFeedStore;
let pacing: FakePacing;
let deps: RenewChannelsDependencies;
/** Receives the fake's notifications (nobody listens there: they fail, which is fine for these tests). */
const address = 'http://127.0.0.1:9/api/drive/notifications';

beforeAll(async () => {
  drive = await startFakeGoogleDrive();
});
afterAll(async () => {
  await drive.notificationsSettled();
  await drive.stop();
});
beforeEach(() => {
  drive.clearFaults();
  feed = new InMemoryChangeFeedStore();
  // One clock for the use case and the provider, which dates the channels it asks for.
  pacing = fakePacing();
  deps = {
    changes: new GoogleDriveAccess(async () => drive.serviceAccountKeyJson, {
      apiBaseUrl: drive.apiBaseUrl,
      pacing,
    }),
    feed,
    now: () => new Date(pacing.now()),
  };
});

const stops = () => drive.requests.filter((r) => r.operation === 'channels.stop' && r.status === 204).length;

describe('renewChannels', () => {
  it('opens a channel when none is kept, and keeps it while it outlives the lead time', async () => {
    const first = await renewChannels(deps, address);
    expect(first).toMatchObject({ stopped: 0, stopFailed: 0 });
    expect(first.opened).not.toBeNull();
    const [channel] = await feed.channels();
    expect(channel).toMatchObject({ channelId: first.opened, account: drive.clientEmail });
    expect(channel?.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    pacing.advance(HOUR);
    expect(await renewChannels(deps, address)).toEqual({ opened: null, stopped: 0, stopFailed: 0 });
  });

  it('replaces a channel about to expire: the new one is stored, then the old one stopped and forgotten', async () => {
    const { opened: old } = await renewChannels(deps, address);
    const channel = await feed.channel(old ?? '');
    if (!channel) throw new Error('no channel');
    const stopsBefore = stops();
    pacing.advance(Date.parse(channel.expiresAt) - CHANNEL_RENEWAL_LEAD_MS + 1 - pacing.now());

    const report = await renewChannels(deps, address);

    expect(report.opened).not.toBeNull();
    expect(report.opened).not.toBe(old);
    expect(report.stopped).toBe(1);
    expect(stops()).toBe(stopsBefore + 1);
    expect((await feed.channels()).map((c) => c.channelId)).toEqual([report.opened]);
  });

  it('keeps an old channel Google could not stop, until a later run stops it', async () => {
    const { opened: old } = await renewChannels(deps, address);
    const channel = await feed.channel(old ?? '');
    if (!channel) throw new Error('no channel');
    pacing.advance(Date.parse(channel.expiresAt) - CHANNEL_RENEWAL_LEAD_MS + 1 - pacing.now());
    drive.failAlways({ status: 400, reason: 'badRequest', operation: 'channels.stop' });

    const report = await renewChannels(deps, address);
    expect(report).toMatchObject({ stopped: 0, stopFailed: 1 });
    expect((await feed.channels()).map((c) => c.channelId).sort()).toEqual([old, report.opened].sort());

    drive.clearFaults();
    expect(await renewChannels(deps, address)).toMatchObject({ opened: null, stopped: 1, stopFailed: 0 });
    expect((await feed.channels()).map((c) => c.channelId)).toEqual([report.opened]);
  });
});
