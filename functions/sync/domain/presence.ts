import type { Subscription } from './liveRecords.ts';

/** Members with at least one connection subscribed to the band, sorted (a member on two devices once). */
export const onlineMembers = (subscriptions: readonly Pick<Subscription, 'userId'>[]): string[] =>
  [...new Set(subscriptions.map((s) => s.userId))].sort();

/** Who came online and who left between two views of a band's subscriptions. */
export const presenceChange = (
  before: readonly string[],
  after: readonly string[],
): { readonly joined: string[]; readonly left: string[] } => ({
  joined: after.filter((u) => !before.includes(u)),
  left: before.filter((u) => !after.includes(u)),
});
