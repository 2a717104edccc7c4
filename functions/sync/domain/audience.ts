import type { Audience, Subscription } from './liveRecords.ts';

/**
 * Whether a band message reaches a subscriber: leaders see everything band-wide; a chart reaches the players of the
 * instruments content named for it; a per-user message only its user.
 */
export const concerns = (
  audience: Audience,
  subscriber: Pick<Subscription, 'role' | 'userId' | 'instruments'>,
): boolean => {
  // A per-user message (a dashboard widget) is that user's own, even for a leader.
  if (audience.kind === 'users') return audience.userIds.includes(subscriber.userId);
  if (subscriber.role === 'leader') return true;
  switch (audience.kind) {
    case 'all':
      return true;
    case 'leaders':
      return false;
    case 'instruments':
      return subscriber.instruments.some((instrument) => audience.instruments.includes(instrument));
  }
};
