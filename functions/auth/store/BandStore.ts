import type { Role } from '../../../shared/contracts/bandVocabulary.ts';
import type { BandRecord, MembershipRecord } from '../domain/authRecords.ts';

/** Bands and their memberships. Every write keeps the band's leader count exact and above zero. */
export interface BandStore {
  /** Creates a band with its creator as the only leader. */
  createBand(band: Omit<BandRecord, 'leaderCount'>, creator: MembershipRecord): Promise<BandRecord>;
  getBand(bandId: string): Promise<BandRecord | null>;
  getMembership(bandId: string, userId: string): Promise<MembershipRecord | null>;
  /** A band's members (one query, bounded by `MAX_BAND_MEMBERS`). */
  listMembers(bandId: string): Promise<MembershipRecord[]>;
  /** The bands a user belongs to (one index query). */
  listMembershipsOfUser(userId: string): Promise<MembershipRecord[]>;
  /** Adds a member; false when already a member. Throws `BandNotFoundError` for an unknown band. */
  addMember(membership: MembershipRecord): Promise<boolean>;
  /** Changes a role from `from` to `to`; throws `ConcurrentChangeError` if it would leave no leader. */
  changeRole(bandId: string, userId: string, from: Role, to: Role): Promise<void>;
  /** Removes a member who held `role`; throws `ConcurrentChangeError` if it would leave no leader. */
  removeMember(bandId: string, userId: string, role: Role): Promise<void>;
}
