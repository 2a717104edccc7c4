import { onlineMembers } from '../domain/presence.ts';
import type { SyncDependencies } from './SyncDependencies.ts';

/**
 * Tells a band's connected members that `userId` came online or left, when that changed who is online (a
 * second device of someone already online changes nothing). Presence is state, not history: no sequence
 * number, not logged; `subscribed` carries the current list.
 */
export const announcePresence = async (
  deps: SyncDependencies,
  bandId: string,
  userId: string,
  change: 'joined' | 'left',
): Promise<void> => {
  const subscriptions = await deps.connections.subscriptionsOfBand(bandId);
  const online = onlineMembers(subscriptions);
  const isOnline = online.includes(userId);
  if ((change === 'joined') !== isOnline) return;
  if (change === 'joined' && subscriptions.filter((s) => s.userId === userId).length > 1) return;
  await deps.pusher.broadcast(
    subscriptions.filter((s) => s.userId !== userId).map((s) => s.connectionId),
    {
      type: 'presence',
      bandId,
      online,
      joined: change === 'joined' ? [userId] : [],
      left: change === 'left' ? [userId] : [],
    },
  );
};
