import { onlineMembers } from '../domain/presence.ts';
import type { SyncDependencies } from './SyncDependencies.ts';

/**
 * Tells a band's connected members that `userId` came online or left, when that changed who is online: a
 * second device of someone already online changes nothing, and is found by counting the user's subscriptions
 * in the band up to two rather than reading the band's (or all of the user's). Presence is state, not history: no sequence number, not logged;
 * `subscribed` carries the current list.
 */
export const announcePresence = async (
  deps: SyncDependencies,
  bandId: string,
  userId: string,
  change: 'joined' | 'left',
): Promise<void> => {
  const inBand = await deps.connections.countUserSubscriptions(userId, bandId, 2);
  // After a join the user holds this one subscription at least; after a leave, none is left when it counts.
  if (change === 'joined' ? inBand !== 1 : inBand !== 0) return;
  const subscriptions = await deps.connections.subscriptionsOfBand(bandId);
  await deps.pusher.broadcast(
    subscriptions.filter((s) => s.userId !== userId).map((s) => s.connectionId),
    {
      type: 'presence',
      bandId,
      online: onlineMembers(subscriptions),
      joined: change === 'joined' ? [userId] : [],
      left: change === 'left' ? [userId] : [],
    },
  );
};
