import type { Role } from '../../../shared/contracts/bandVocabulary.ts';
import type { OutboxEvent } from '../../../shared/runtime/index.ts';
import type { BandRecord, MembershipRecord } from '../domain/authRecords.ts';

/**
 * Bands and their memberships. Every write keeps the band's leader count exact and above zero, bounds members
 * per band and bands per user, and commits the `outbox` events given with it in the same transaction.
 */
export interface BandStore {
  /**
   * Creates a band with its creator as the only leader. Throws `BandExistsError` when the id is taken (a
   * retried create), `TooManyBandsError` past `MAX_BANDS_PER_USER`.
   */
  createBand(
    band: Omit<BandRecord, 'leaderCount' | 'memberCount'>,
    creator: MembershipRecord,
    outbox: readonly OutboxEvent[],
  ): Promise<BandRecord>;
  getBand(bandId: string): Promise<BandRecord | null>;
  getMembership(bandId: string, userId: string): Promise<MembershipRecord | null>;
  /** A band's members (one query, bounded by `MAX_BAND_MEMBERS`). */
  listMembers(bandId: string): Promise<MembershipRecord[]>;
  /** The bands a user belongs to (one index query); throws `TooManyMembershipsError` past `MAX_BANDS_PER_USER`. */
  listMembershipsOfUser(userId: string): Promise<MembershipRecord[]>;
  /**
   * Adds a member; false when already a member (nothing written, the outbox events included). Throws
   * `BandNotFoundError`, `BandFullError` or `TooManyBandsError`.
   */
  addMember(membership: MembershipRecord, outbox: readonly OutboxEvent[]): Promise<boolean>;
  /** Changes a role from `from` to `to`; throws `ConcurrentChangeError` if it would leave no leader. */
  changeRole(
    bandId: string,
    userId: string,
    from: Role,
    to: Role,
    outbox: readonly OutboxEvent[],
  ): Promise<void>;
  /** Removes a member who held `role`; throws `ConcurrentChangeError` if it would leave no leader. */
  removeMember(bandId: string, userId: string, role: Role, outbox: readonly OutboxEvent[]): Promise<void>;
}
