import type { Instrument } from '../../../shared/contracts/bandVocabulary.ts';
import type { UserRecord } from '../domain/authRecords.ts';

/** Users, found by id or by (normalized) email. */
export interface UserStore {
  getUser(userId: string): Promise<UserRecord | null>;
  /** Many users at once (member lists); unknown ids are left out. */
  getUsers(userIds: readonly string[]): Promise<UserRecord[]>;
  findUserByEmail(email: string): Promise<UserRecord | null>;
  /** Creates a user; throws `EmailAlreadyRegisteredError` when the email is taken. */
  createUser(user: UserRecord): Promise<void>;
  /** Links a Google account (`sub`) to the user; false when another one is linked already. */
  linkGoogleSubject(userId: string, subject: string): Promise<boolean>;
  /** Replaces name and instruments; null when the user does not exist. */
  updateProfile(
    userId: string,
    profile: { readonly name: string; readonly instruments: readonly Instrument[] },
  ): Promise<UserRecord | null>;
}
