import type { Instrument, Role } from '../../../shared/contracts/bandVocabulary.ts';

/** Auth's answer about a user in a band, when content has not heard of them through events. */
export interface UserDirectory {
  membership(bandId: string, userId: string): Promise<{ role: Role | null; instruments: Instrument[] }>;
}
