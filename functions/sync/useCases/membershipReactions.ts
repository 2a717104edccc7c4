import type { EventData } from '../../../shared/contracts/eventCatalog.ts';
import { loginStatements, membershipChangeStatement } from '../domain/channelStatements.ts';
import { announcePresence } from './presenceNotice.ts';
import { epochSeconds, type SyncDependencies } from './SyncDependencies.ts';

/**
 * `auth.permission_updated`: a revoked member's connections leave the band at once (told `unsubscribed`),
 * a changed role applies to their subscriptions from the next message. The prepared channel takes the new
 * role, or keeps the revocation, unless it already holds a later statement (`occurredAt` is auth's time).
 */
export const applyPermissionChange = async (
  deps: SyncDependencies,
  change: EventData<'auth.permission_updated'>,
  occurredAt: string,
): Promise<{ unsubscribed: number }> => {
  await deps.state.stateChannelBand(membershipChangeStatement(change, occurredAt), 'membership_change');
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
 * user closes; another device with a valid token reconnects at once. The prepared channel stays: a sign-out
 * changes no membership, and erasing a revocation kept there would let a late sign-in event revive the band.
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
  return { closed: connections.length };
};

/**
 * `auth.user_logged_in`: prepares the user's channel — their role in each band, as of the sign-in — so the
 * first subscribe needs no call to auth. A band whose kept statement is newer than the sign-in (a revocation
 * or a role change handled before this older event) keeps it; a statement already past its trust window is
 * not written. Answers how many bands were prepared.
 */
export const prepareChannel = async (
  deps: SyncDependencies,
  login: EventData<'auth.user_logged_in'>,
  occurredAt: string,
): Promise<{ prepared: number }> => {
  const now = epochSeconds(deps.now());
  const fresh = loginStatements(login, occurredAt).filter((entry) => entry.expiresAt > now);
  const kept = await Promise.all(fresh.map((entry) => deps.state.stateChannelBand(entry, 'login')));
  return { prepared: kept.filter(Boolean).length };
};
