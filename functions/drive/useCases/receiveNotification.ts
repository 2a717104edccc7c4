import { NotificationRefusedError } from '../domain/driveErrors.ts';
import {
  type NotificationVerdict,
  notificationChannelId,
  verifyChannelNotification,
} from '../domain/watchChannel.ts';
import type { ChangeFeedStore } from '../store/ChangeFeedStore.ts';

/** Our channel ids are UUIDs: anything else is not looked up (nor sent to DynamoDB as a key). */
const CHANNEL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ReceiveNotificationDependencies {
  readonly feed: Pick<ChangeFeedStore, 'channel'>;
  /** Queues a read of the changes feed (the drive's `drive.changes_notified`). */
  readonly queueRead: (notice: { receivedAt: string; messageNumber: number | null }) => Promise<void>;
  readonly now: () => Date;
}

/** What a verified notification led to. */
export type NotificationOutcome = Extract<NotificationVerdict, { accepted: true }>['kind'];

/**
 * Google Drive's push notification (`POST /api/drive/notifications`): verified against the stored channel
 * (known channel, token in constant time, watched resource, not expired). Google's `sync` handshake needs
 * nothing more; a `change` queues a read of the feed, so the webhook answers at once. Anything unverified is
 * refused with {@link NotificationRefusedError} before any side effect; `onRefused` hears the reason (for
 * the logs: the reason, never the token).
 */
export const receiveNotification = async (
  deps: ReceiveNotificationDependencies,
  headers: Readonly<Record<string, string | undefined>>,
  onRefused: (reason: string) => void = () => undefined,
): Promise<NotificationOutcome> => {
  const channelId = notificationChannelId(headers);
  const channel =
    channelId !== undefined && CHANNEL_ID.test(channelId) ? await deps.feed.channel(channelId) : null;
  const now = deps.now();
  const verdict = verifyChannelNotification(headers, channel, now);
  if (!verdict.accepted) {
    onRefused(verdict.reason);
    throw new NotificationRefusedError();
  }
  if (verdict.kind === 'change') {
    await deps.queueRead({ receivedAt: now.toISOString(), messageNumber: verdict.messageNumber });
  }
  return verdict.kind;
};
