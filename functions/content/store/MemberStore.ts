import type { Instrument, Role } from '../../../shared/contracts/bandVocabulary.ts';

/** What content knows of a user in a band: their role (null once removed) and their instruments. */
export interface BandMember {
  readonly bandId: string;
  readonly userId: string;
  readonly role: Role | null;
  readonly instruments: readonly Instrument[];
  /** When auth said so (its event's time): an older statement never overwrites a newer one. */
  readonly asOf: string;
}

/** Band members as content keeps them, fed by auth's events. */
export interface MemberStore {
  member(bandId: string, userId: string): Promise<BandMember | null>;
  /** Every member of a band, removed ones excluded. */
  members(bandId: string): Promise<BandMember[]>;
  /** Keeps `member` unless what is stored is newer; answers whether it was kept. */
  save(member: BandMember): Promise<boolean>;
}
