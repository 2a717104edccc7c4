import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { NotificationRefusedError } from '../../../../../functions/drive/domain/driveErrors.ts';
import type { StoredChannel } from '../../../../../functions/drive/store/ChangeFeedStore.ts';
import { receiveNotification } from '../../../../../functions/drive/useCases/receiveNotification.ts';
import { InMemoryChangeFeedStore } from '../../../../helpers/inMemoryDriveStores.ts';

let feed: InMemoryChangeFeedStore;
let queued: { receivedAt: string; messageNumber: number | null }[];
let channel: StoredChannel;
const now = new Date('2026-12-01T12:00:00.000Z');
const deps = () => ({
  feed,
  queueRead: async (notice: { receivedAt: string; messageNumber: number | null }) => {
    queued.push(notice);
  },
  now: () => now,
});
const headers = (overrides: Record<string, string | undefined> = {}) => ({
  'x-goog-channel-id': channel.channelId,
  'x-goog-channel-token': channel.token,
  'x-goog-resource-id': channel.resourceId,
  'x-goog-resource-state': 'change',
  'x-goog-message-number': '7',
  ...overrides,
});

beforeEach(async () => {
  feed = new InMemoryChangeFeedStore();
  queued = [];
  channel = {
    channelId: randomUUID(),
    resourceId: 'res-1',
    token: 'a'.repeat(43),
    expiresAt: '2026-12-02T12:00:00.000Z',
    account: 'drive@example.iam.gserviceaccount.com',
    openedAt: '2026-12-01T11:00:00.000Z',
  };
  await feed.saveChannel(channel);
});

describe('receiveNotification', () => {
  it('queues one read of the feed for a verified change', async () => {
    expect(await receiveNotification(deps(), headers())).toBe('change');
    expect(queued).toEqual([{ receivedAt: now.toISOString(), messageNumber: 7 }]);
  });

  it('acknowledges Google’s sync handshake without reading the feed', async () => {
    expect(await receiveNotification(deps(), headers({ 'x-goog-resource-state': 'sync' }))).toBe('sync');
    expect(queued).toEqual([]);
  });

  it.each([
    ['an unknown channel', { 'x-goog-channel-id': randomUUID() }, 'unknown-channel'],
    ['a wrong token', { 'x-goog-channel-token': 'b'.repeat(43) }, 'wrong-token'],
    ['a token prefix', { 'x-goog-channel-token': 'a'.repeat(42) }, 'wrong-token'],
    ['another resource', { 'x-goog-resource-id': 'res-2' }, 'wrong-resource'],
    ['no token', { 'x-goog-channel-token': undefined }, 'missing-headers'],
    ['a channel id that is no UUID', { 'x-goog-channel-id': 'x'.repeat(5000) }, 'unknown-channel'],
  ])('refuses %s with the same answer, queueing nothing', async (_, overrides, reason) => {
    const reasons: string[] = [];
    const refusal = await receiveNotification(deps(), headers(overrides), (r) => reasons.push(r)).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(NotificationRefusedError);
    expect((refusal as NotificationRefusedError).detail).toBe(new NotificationRefusedError().detail);
    expect(reasons).toEqual([reason]);
    expect(queued).toEqual([]);
  });

  it('refuses a notification on an expired channel', async () => {
    await feed.saveChannel({ ...channel, expiresAt: '2026-12-01T11:59:59.000Z' });
    await expect(receiveNotification(deps(), headers())).rejects.toBeInstanceOf(NotificationRefusedError);
    expect(queued).toEqual([]);
  });

  it('never queues a read for headers that lack the stored token (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom(...Object.keys(headers()), 'x-other'),
          fc.oneof(fc.string({ maxLength: 60 }), fc.constant(channel.channelId), fc.constant('res-1')),
        ),
        async (forged) => {
          fc.pre(forged['x-goog-channel-token'] !== channel.token);
          await expect(receiveNotification(deps(), forged)).rejects.toBeInstanceOf(NotificationRefusedError);
          expect(queued).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
