import { channelNeedsRenewal } from '../domain/watchChannel.ts';
import type { DriveChanges } from '../providers/DriveChanges.ts';
import type { ChangeFeedStore, StoredChannel } from '../store/ChangeFeedStore.ts';

/**
 * A channel expiring within this is replaced. The renewal schedule runs every hour, so a channel is
 * replaced two or three runs before it ends: one failed run (Google down) costs no notifications.
 */
export const CHANNEL_RENEWAL_LEAD_MS = 3 * 60 * 60_000;

export interface RenewChannelsDependencies {
  readonly changes: Pick<DriveChanges, 'account' | 'startPageToken' | 'openChannel' | 'stopChannel'>;
  readonly feed: Pick<ChangeFeedStore, 'pageToken' | 'channels' | 'saveChannel' | 'deleteChannel'>;
  readonly now: () => Date;
}

/** What one run did (ids only: a channel's token never leaves the store). */
export interface RenewalReport {
  /** The channel opened by this run, if one was. */
  readonly opened: string | null;
  /** Old channels stopped and forgotten. */
  readonly stopped: number;
  /** Old channels Google could not stop this time: kept, and stopped on a later run. */
  readonly stopFailed: number;
}

/**
 * Keeps one live push channel on the service account's changes feed, delivering to `address` (the public
 * URL of `POST /api/drive/notifications`). Google does not renew channels: when none of the account's
 * channels outlives {@link CHANNEL_RENEWAL_LEAD_MS}, a new one is opened and stored first, then the old ones
 * are stopped and forgotten (for a moment both deliver; reading the feed twice is harmless). Channels of
 * another account (the key was replaced) count as old. A stop that fails is tried again next run, unless
 * the channel has expired anyway.
 *
 * @example
 * ```ts
 * await renewChannels(deps, 'https://api.example.com/api/drive/notifications');
 * ```
 */
export const renewChannels = async (
  deps: RenewChannelsDependencies,
  address: string,
): Promise<RenewalReport> => {
  const account = await deps.changes.account();
  const now = deps.now();
  const kept = await deps.feed.channels();
  const live = kept.filter(
    (channel) => channel.account === account && !channelNeedsRenewal(channel, now, CHANNEL_RENEWAL_LEAD_MS),
  );
  let opened: string | null = null;
  if (live.length === 0) {
    const pageToken = (await deps.feed.pageToken(account)) ?? (await deps.changes.startPageToken());
    const channel = await deps.changes.openChannel(pageToken, address);
    await deps.feed.saveChannel({ ...channel, account, openedAt: now.toISOString() });
    opened = channel.channelId;
  }
  const old = kept.filter((channel) => !live.includes(channel));
  let stopped = 0;
  let stopFailed = 0;
  for (const channel of old) {
    if (await stop(deps, channel, now)) stopped++;
    else stopFailed++;
  }
  return { opened, stopped, stopFailed };
};

const stop = async (deps: RenewChannelsDependencies, channel: StoredChannel, now: Date): Promise<boolean> => {
  try {
    await deps.changes.stopChannel(channel);
  } catch {
    // An expired channel delivers nothing more: forget it even if Google could not be told.
    if (Date.parse(channel.expiresAt) > now.getTime()) return false;
  }
  await deps.feed.deleteChannel(channel.channelId);
  return true;
};
