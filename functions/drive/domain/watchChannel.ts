/** A Google Drive push channel the drive opened (`changes.watch`) and keeps until it expires or is stopped. */
export interface WatchChannel {
  /** Our id for the channel (a UUID); Google sends it back as `X-Goog-Channel-ID`. */
  readonly channelId: string;
  /** Google's opaque id of the watched resource; `channels.stop` needs it. */
  readonly resourceId: string;
  /** The secret Google echoes as `X-Goog-Channel-Token`: proof a notification comes from our channel. */
  readonly token: string;
  /** When Google stops sending on it, ISO 8601. */
  readonly expiresAt: string;
}

/** What a verified notification says. */
export type NotificationVerdict =
  | {
      readonly accepted: true;
      /** `sync`: Google's handshake right after `changes.watch`, nothing changed; `change`: read the feed. */
      readonly kind: 'sync' | 'change';
      readonly channelId: string;
      readonly messageNumber: number | null;
    }
  | {
      readonly accepted: false;
      readonly reason: 'missing-headers' | 'unknown-channel' | 'wrong-token' | 'wrong-resource' | 'expired';
    };

/** Header names as Node and API Gateway deliver them (lower case). */
export const CHANNEL_HEADERS = {
  channelId: 'x-goog-channel-id',
  token: 'x-goog-channel-token',
  resourceId: 'x-goog-resource-id',
  resourceState: 'x-goog-resource-state',
  messageNumber: 'x-goog-message-number',
} as const;

type Headers = Readonly<Record<string, string | undefined>>;

const header = (headers: Headers, name: string): string | undefined => {
  const direct = headers[name];
  if (direct !== undefined) return direct;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
};

/** Compares two secrets in time that depends on their length only, not on where they first differ. */
const sameSecret = (given: string, expected: string): boolean => {
  let difference = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) {
    difference |= (given.charCodeAt(i % Math.max(given.length, 1)) || 0) ^ expected.charCodeAt(i);
  }
  return difference === 0;
};

/** The channel a notification claims to come from, to look the stored channel up by. */
export const notificationChannelId = (headers: Headers): string | undefined =>
  header(headers, CHANNEL_HEADERS.channelId);

/**
 * Decides whether a push notification (`POST /api/drive/notifications`) comes from a channel the drive opened:
 * the channel must be the stored one, its token must match (compared in constant time), the resource must be
 * the watched one and the channel must not have expired. The webhook is public, so anything else is refused
 * without saying more than the reason to the logs.
 *
 * @example
 * ```ts
 * const channel = await channels.get(notificationChannelId(request.headers) ?? '');
 * const verdict = verifyChannelNotification(request.headers, channel, new Date());
 * if (verdict.accepted && verdict.kind === 'change') await readChangesSoon();
 * ```
 */
export const verifyChannelNotification = (
  headers: Headers,
  channel: WatchChannel | null,
  now: Date,
): NotificationVerdict => {
  const channelId = header(headers, CHANNEL_HEADERS.channelId);
  const token = header(headers, CHANNEL_HEADERS.token);
  const state = header(headers, CHANNEL_HEADERS.resourceState);
  if (channelId === undefined || token === undefined || state === undefined) {
    return { accepted: false, reason: 'missing-headers' };
  }
  if (channel === null || channel.channelId !== channelId)
    return { accepted: false, reason: 'unknown-channel' };
  if (!sameSecret(token, channel.token)) return { accepted: false, reason: 'wrong-token' };
  const resourceId = header(headers, CHANNEL_HEADERS.resourceId);
  if (resourceId !== undefined && resourceId !== channel.resourceId) {
    return { accepted: false, reason: 'wrong-resource' };
  }
  if (Date.parse(channel.expiresAt) <= now.getTime()) return { accepted: false, reason: 'expired' };
  const number = Number.parseInt(header(headers, CHANNEL_HEADERS.messageNumber) ?? '', 10);
  return {
    accepted: true,
    kind: state === 'sync' ? 'sync' : 'change',
    channelId,
    messageNumber: Number.isFinite(number) ? number : null,
  };
};

/**
 * Whether a channel should be replaced now: it expires within `leadMs`. Google does not renew channels, so a
 * schedule opens a new one before the old one ends (both may deliver for a while; reading the feed twice is
 * harmless) and then stops the old one.
 *
 * @example channelNeedsRenewal(channel, new Date(), 60 * 60_000); // true in the last hour
 */
export const channelNeedsRenewal = (channel: WatchChannel, now: Date, leadMs: number): boolean =>
  Date.parse(channel.expiresAt) - now.getTime() <= leadMs;
