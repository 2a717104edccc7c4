import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  verifyChannelNotification,
  type WatchChannel,
} from '../../../../../../functions/drive/domain/watchChannel.ts';
import { createGoogleDriveProvider } from '../../../../../../functions/drive/providers/googleDrive/createGoogleDriveProvider.ts';
import {
  type FakeGoogleDrive,
  startFakeGoogleDrive,
} from '../../../../../helpers/fakeGoogleDrive/startFakeGoogleDrive.ts';
import { fakePacing } from '../../../../../helpers/fakePacing.ts';

let drive: FakeGoogleDrive;
let receiver: Server;
let address: string;
const received: IncomingHttpHeaders[] = [];
let channel: WatchChannel | null = null;
const verdicts: ReturnType<typeof verifyChannelNotification>[] = [];

beforeAll(async () => {
  drive = await startFakeGoogleDrive();
  // Stands in for the webhook `POST /api/drive/notifications`: verify, then answer 200 (or 401).
  receiver = createServer((req, res) => {
    received.push(req.headers);
    const verdict = verifyChannelNotification(
      req.headers as Record<string, string | undefined>,
      channel,
      new Date(),
    );
    verdicts.push(verdict);
    req.resume();
    res.writeHead(verdict.accepted ? 200 : 401).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
  const port = (receiver.address() as { port: number }).port;
  address = `http://127.0.0.1:${port}/api/drive/notifications`;
});
afterAll(async () => {
  await drive.stop();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe('GoogleDriveWatch over HTTP', () => {
  it('opens a channel whose notifications verify, and stops it', async () => {
    const provider = createGoogleDriveProvider({
      serviceAccountKeyJson: drive.serviceAccountKeyJson,
      apiBaseUrl: drive.apiBaseUrl,
      pacing: fakePacing(),
    });
    const band = drive.state.addFolder('Band', drive.state.addHiddenFolder());
    const pageToken = await provider.changes.startPageToken();

    channel = await provider.watch.open(pageToken, address, 60 * 60_000);
    expect(channel.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(channel.expiresAt)).toBeGreaterThan(Date.now());

    drive.state.addFile('AllOfMe_Bb.pdf', band, '%PDF');
    await drive.notificationsSettled();
    expect(verdicts).toEqual([
      { accepted: true, kind: 'sync', channelId: channel.channelId, messageNumber: 1 },
      { accepted: true, kind: 'change', channelId: channel.channelId, messageNumber: 2 },
    ]);
    expect(drive.notifications.map((n) => n.status)).toEqual([200, 200]);

    await provider.watch.stop(channel);
    drive.state.addFile('Misty_Eb.pdf', band, '%PDF');
    await drive.notificationsSettled();
    expect(received).toHaveLength(2);
    // Stopping twice is harmless: Google no longer knows the channel (404).
    await expect(provider.watch.stop(channel)).resolves.toBeUndefined();
  });

  it('a notification with another token is refused by the verifier', () => {
    const first = received[0];
    if (channel === null || first === undefined) throw new Error('the first test opens the channel');
    const forged: Record<string, string | undefined> = {
      'x-goog-channel-id': String(first['x-goog-channel-id']),
      'x-goog-resource-state': String(first['x-goog-resource-state']),
      'x-goog-channel-token': 'guess',
    };
    expect(verifyChannelNotification(forged, channel, new Date())).toEqual({
      accepted: false,
      reason: 'wrong-token',
    });
  });
});
