import type { Instrument, Role } from '../../../shared/contracts/bandVocabulary.ts';

/** A SOLEil user: created at first sign-in, found again by email. */
export interface UserRecord {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly instruments: readonly Instrument[];
  readonly createdAt: string;
  /** Google's `sub` of the account that signs in as this user, linked at the first Google sign-in. */
  readonly googleSubject?: string;
}

/** A band (the tenant). `leaderCount` lets the store refuse, atomically, a change that leaves no leader. */
export interface BandRecord {
  readonly bandId: string;
  readonly name: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly leaderCount: number;
  /** Members counted since this counter was introduced (bounded by `MAX_BAND_MEMBERS`). */
  readonly memberCount: number;
}

/** A user's role in a band. */
export interface MembershipRecord {
  readonly bandId: string;
  readonly userId: string;
  readonly role: Role;
  readonly joinedAt: string;
}

/** A pending invitation of an email address into a band. */
export interface InvitationRecord {
  readonly email: string;
  readonly bandId: string;
  readonly role: Role;
  readonly invitedBy: string;
  readonly createdAt: string;
  /** Epoch seconds; also the table's TTL attribute. */
  readonly expiresAt: number;
}

/** How a session was started. */
export type SignInMethod = 'google' | 'dev';

/** A session is a refresh-token family: every rotated token belongs to it; revoking it ends them all. */
export interface SessionRecord {
  readonly sessionId: string;
  readonly userId: string;
  readonly method: SignInMethod;
  readonly status: 'active' | 'revoked';
  readonly revokedReason?: 'logout' | 'refresh_token_reuse' | 'revoked';
  readonly createdAt: string;
  /** Epoch seconds: the session's absolute end. */
  readonly expiresAt: number;
}

/** One refresh token, stored by the SHA-256 of its value (the value itself is never stored). */
export interface RefreshTokenRecord {
  readonly tokenHash: string;
  readonly sessionId: string;
  readonly userId: string;
  /** `used` once rotated: presenting it again is reuse, and revokes the family. */
  readonly status: 'active' | 'used';
  readonly issuedAt: string;
  /** Epoch seconds; also the table's TTL attribute. */
  readonly expiresAt: number;
}
