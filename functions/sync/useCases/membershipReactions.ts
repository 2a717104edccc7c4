import type { EventData } from '../../../shared/contracts/eventCatalog.ts';
import { CHANNEL_TTL_SECONDS } from '../domain/syncLimits.ts';
import { announcePresence } from './presenceNotice.ts';
import { epochSeconds, type SyncDependencies } from './SyncDependencies.ts';

/**
 * `auth.permission_updated`: a revoked member's connections leave the band at once (told `unsubscribed`),
 * a changed role applies to their subscriptions from the next message; the prepared channel forgets the
 * band either way, so the next subscribe asks auth.
 */
export const applyPermissionChange = async (
  deps: SyncDependencies,
  change: EventData<'auth.permission_updated'>,
): Promise<{ unsubscribed: number }> => {
  await deps.state.forgetChannelBand(change.userId, change.bandId);
  const { subscriptions } = await deps.connections.ofUser(change.userId);
  const affected = subscriptions.filter((s) => s.bandId === change.bandId);
  if (change.change === 'revoked' || change.role === null) {
    for (const s of affected) {
      await deps.connections.unsubscribe(s.connectionId, s.bandId);
      await deps.pusher.send(s.connectionId, {
        type: 'unsubscribed',
        bandId: s.bandId,
        reason: 'membership_revoked',
      });
    }
    if (affected.length > 0) await announcePresence(deps, change.bandId, change.userId, 'left');
    return { unsubscribed: affected.length };
  }
  for (const s of affected) await deps.connections.setRole(s.connectionId, s.bandId, change.role);
  return { unsubscribed: 0 };
};

/**
 * `auth.user_logged_out`: the user's connections are closed (DeleteConnection; their `$disconnect` runs) and
 * forgotten now, not at token expiry. Access tokens do not name their session, so every connection of the
 * user closes; another device with a valid token reconnects at once.
 */
export const closeUserConnections = async (
  deps: SyncDependencies,
  userId: string,
): Promise<{ closed: number }> => {
  const { connections } = await deps.connections.ofUser(userId);
  for (const c of connections) {
    await deps.pusher.disconnect(c.connectionId);
    const subscriptions = await deps.connections.deleteConnection(c.connectionId);
    for (const s of subscriptions) await announcePresence(deps, s.bandId, s.userId, 'left');
  }
  await deps.state.deleteChannel(userId);
  return { closed: connections.length };
};

/** `auth.user_logged_in`: prepares the user's channel (bands and roles) so the first subscribe needs no call. */
export const prepareChannel = async (
  deps: SyncDependencies,
  login: EventData<'auth.user_logged_in'>,
): Promise<void> => {
  const now = deps.now();
  await deps.state.putChannel({
    userId: login.userId,
    memberships: login.memberships,
    instruments: login.instruments,
    preparedAt: now.toISOString(),
    expiresAt: epochSeconds(now) + CHANNEL_TTL_SECONDS,
  });
};
