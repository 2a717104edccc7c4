import type { InvitationRecord } from '../domain/authRecords.ts';

/** Pending invitations, keyed by (normalized) email and band. */
export interface InvitationStore {
  /** Writes an invitation; a new invitation of the same email to the same band replaces the old one. */
  putInvitation(invitation: InvitationRecord): Promise<void>;
  listForEmail(email: string): Promise<InvitationRecord[]>;
  deleteInvitation(email: string, bandId: string): Promise<void>;
}
