import { describe, expect, it } from 'vitest';
import {
  channelNeedsRenewal,
  notificationChannelId,
  verifyChannelNotification,
  type WatchChannel,
} from '../../../../../functions/drive/domain/watchChannel.ts';

const channel: WatchChannel = {
  channelId: 'c0ffee00-0000-4000-8000-000000000001',
  resourceId: 'res-1',
  token: 'k3Y-very-secret-token_0123456789abcdefghijk',
  expiresAt: '2026-11-25T10:00:00.000Z',
};
const now = new Date('2026-11-24T10:00:00.000Z');
const headers = (overrides: Record<string, string | undefined> = {}) => ({
  'x-goog-channel-id': channel.channelId,
  'x-goog-channel-token': channel.token,
  'x-goog-resource-id': channel.resourceId,
  'x-goog-resource-state': 'change',
  'x-goog-message-number': '42',
  ...overrides,
});

describe('verifyChannelNotification', () => {
  it('accepts a change from the stored channel', () => {
    expect(verifyChannelNotification(headers(), channel, now)).toEqual({
      accepted: true,
      kind: 'change',
      channelId: channel.channelId,
      messageNumber: 42,
    });
  });

  it('tells the handshake (sync) from a change, and reads headers in any case', () => {
    const mixed = {
      'X-Goog-Channel-ID': channel.channelId,
      'X-Goog-Channel-Token': channel.token,
      'X-Goog-Resource-State': 'sync',
      'X-Goog-Message-Number': '1',
    };
    expect(verifyChannelNotification(mixed, channel, now)).toMatchObject({ accepted: true, kind: 'sync' });
    expect(notificationChannelId(mixed)).toBe(channel.channelId);
  });

  it.each([
    ['missing-headers', headers({ 'x-goog-channel-token': undefined }), channel],
    ['unknown-channel', headers(), null],
    ['unknown-channel', headers({ 'x-goog-channel-id': 'another' }), channel],
    ['wrong-token', headers({ 'x-goog-channel-token': `${channel.token}x` }), channel],
    ['wrong-token', headers({ 'x-goog-channel-token': channel.token.replace('k3Y', 'k3Z') }), channel],
    ['wrong-token', headers({ 'x-goog-channel-token': '' }), channel],
    ['wrong-resource', headers({ 'x-goog-resource-id': 'res-2' }), channel],
  ] as const)('refuses: %s', (reason, given, stored) => {
    expect(verifyChannelNotification(given, stored, now)).toEqual({ accepted: false, reason });
  });

  it('refuses a notification on an expired channel', () => {
    expect(verifyChannelNotification(headers(), channel, new Date(channel.expiresAt))).toEqual({
      accepted: false,
      reason: 'expired',
    });
  });
});

describe('channelNeedsRenewal', () => {
  it('is due within the lead time before expiry, not before', () => {
    const hour = 60 * 60_000;
    expect(channelNeedsRenewal(channel, new Date(Date.parse(channel.expiresAt) - 2 * hour), hour)).toBe(
      false,
    );
    expect(channelNeedsRenewal(channel, new Date(Date.parse(channel.expiresAt) - hour), hour)).toBe(true);
  });
});
