import type { Subscription } from './liveRecords.ts';

/** Members with at least one connection subscribed to the band, sorted (a member on two devices once). */
export const onlineMembers = (subscriptions: readonly Pick<Subscription, 'userId'>[]): string[] =>
  [...new Set(subscriptions.map((s) => s.userId))].sort();
