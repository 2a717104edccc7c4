import type { Role } from '../../../shared/contracts/bandVocabulary.ts';
import type { MembershipRecord } from './authRecords.ts';

/** The outcome of asking to change a member's role. */
export type RoleChangePlan =
  | { readonly kind: 'change'; readonly previousRole: Role; readonly role: Role }
  | { readonly kind: 'unchanged'; readonly role: Role }
  | { readonly kind: 'not_member' }
  | { readonly kind: 'last_leader' };

/** The outcome of asking to remove a member. */
export type RemovalPlan =
  | { readonly kind: 'remove'; readonly previousRole: Role }
  | { readonly kind: 'not_member' }
  | { readonly kind: 'last_leader' };

const leaderCount = (members: readonly MembershipRecord[]): number =>
  members.filter((m) => m.role === 'leader').length;

/**
 * Plans a role change under the rule "a band always keeps at least one leader". The store enforces the same
 * rule again atomically, so two leaders demoting each other at once cannot both succeed.
 */
export const planRoleChange = (
  members: readonly MembershipRecord[],
  userId: string,
  role: Role,
): RoleChangePlan => {
  const target = members.find((m) => m.userId === userId);
  if (!target) return { kind: 'not_member' };
  if (target.role === role) return { kind: 'unchanged', role };
  if (target.role === 'leader' && leaderCount(members) <= 1) return { kind: 'last_leader' };
  return { kind: 'change', previousRole: target.role, role };
};

/** Plans the removal of a member under the same rule: the last leader cannot leave or be removed. */
export const planRemoval = (members: readonly MembershipRecord[], userId: string): RemovalPlan => {
  const target = members.find((m) => m.userId === userId);
  if (!target) return { kind: 'not_member' };
  if (target.role === 'leader' && leaderCount(members) <= 1) return { kind: 'last_leader' };
  return { kind: 'remove', previousRole: target.role };
};
