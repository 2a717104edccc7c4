import { randomBytes, randomUUID } from 'node:crypto';
import type { WatchChannel } from '../../domain/watchChannel.ts';
import type { GoogleDriveClient } from './GoogleDriveClient.ts';
import type { Pacing } from './pacing.ts';

/** Google keeps a `changes` channel for at most a week; asking for a day keeps renewals routine. */
export const DEFAULT_CHANNEL_TTL_MS = 24 * 60 * 60_000;

/**
 * Opens and closes push channels on the changes feed (`changes.watch`, `channels.stop`). Each channel gets
 * a fresh id and a 256-bit random token that Google echoes with every notification; the caller stores the
 * returned {@link WatchChannel} (the token is a secret: store it like one, never log it) and verifies
 * notifications with `verifyChannelNotification`.
 *
 * @example
 * ```ts
 * const channel = await watch.open(pageToken, 'https://api.example.com/api/drive/notifications');
 * await channels.save(channel);
 * ```
 */
export class GoogleDriveWatch {
  constructor(
    private readonly client: GoogleDriveClient,
    private readonly pacing: Pacing,
  ) {}

  /** Opens a channel for changes after `pageToken`, delivering to `address` (HTTPS in production). */
  async open(pageToken: string, address: string, ttlMs = DEFAULT_CHANNEL_TTL_MS): Promise<WatchChannel> {
    const requested = this.pacing.now() + ttlMs;
    const token = randomBytes(32).toString('base64url');
    const opened = await this.client.watchChanges({
      pageToken,
      channelId: randomUUID(),
      address,
      token,
      expiresAtMs: requested,
    });
    return {
      channelId: opened.channelId,
      resourceId: opened.resourceId,
      token,
      // Google may grant less than asked (never more): trust its answer when it gives one.
      expiresAt: new Date(opened.expiresAtMs ?? requested).toISOString(),
    };
  }

  /** Stops a channel (for instance the old one after a renewal). */
  stop(channel: Pick<WatchChannel, 'channelId' | 'resourceId'>): Promise<void> {
    return this.client.stopChannel(channel.channelId, channel.resourceId);
  }
}
