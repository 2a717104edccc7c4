import type { InvitationRecord, MembershipRecord } from './authRecords.ts';

/** An invitation that becomes a membership at sign-in. */
export interface MembershipGrant {
  readonly invitation: InvitationRecord;
  readonly membership: MembershipRecord;
}

/** What sign-in does with the pending invitations of the user's email. */
export interface InvitationOutcome {
  readonly grants: readonly MembershipGrant[];
  /** Expired invitations, or ones for a band the user already belongs to: deleted without effect. */
  readonly discarded: readonly InvitationRecord[];
}

/**
 * Turns pending invitations into memberships. An invitation never changes an existing membership (a leader
 * is not demoted by a stale "member" invitation); of two invitations to one band the first granting the
 * leader role wins, so the invited user gets the highest role offered.
 */
export const acceptInvitations = (input: {
  readonly userId: string;
  readonly invitations: readonly InvitationRecord[];
  readonly currentBandIds: ReadonlySet<string>;
  readonly nowSeconds: number;
  readonly nowIso: string;
}): InvitationOutcome => {
  const best = new Map<string, InvitationRecord>();
  const discarded: InvitationRecord[] = [];
  for (const invitation of input.invitations) {
    if (invitation.expiresAt <= input.nowSeconds || input.currentBandIds.has(invitation.bandId)) {
      discarded.push(invitation);
      continue;
    }
    const previous = best.get(invitation.bandId);
    if (!previous) {
      best.set(invitation.bandId, invitation);
    } else if (previous.role === 'member' && invitation.role === 'leader') {
      discarded.push(previous);
      best.set(invitation.bandId, invitation);
    } else {
      discarded.push(invitation);
    }
  }
  const grants = [...best.values()].map((invitation) => ({
    invitation,
    membership: {
      bandId: invitation.bandId,
      userId: input.userId,
      role: invitation.role,
      joinedAt: input.nowIso,
    },
  }));
  return { grants, discarded };
};
