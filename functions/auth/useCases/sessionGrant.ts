import type { Instrument } from '../../../shared/contracts/bandVocabulary.ts';
import type { Identity } from '../../../shared/contracts/identity.ts';
import { ConflictError } from '../../../shared/runtime/index.ts';
import type { UserRecord } from '../domain/authRecords.ts';
import { mergeMemberships } from '../domain/mergeMemberships.ts';
import { TooManyMembershipsError } from '../store/storeErrors.ts';
import type { AuthDependencies } from './AuthDependencies.ts';

/** What sign-in and refresh return to the client. */
export interface SessionGrant {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  /** Seconds. */
  readonly expiresIn: number;
  readonly refreshToken: string;
  readonly sessionId: string;
  readonly user: { userId: string; email: string; name: string; instruments: Instrument[] };
  readonly memberships: Identity['memberships'];
}

/**
 * The identity a user's access token carries: profile plus current memberships, read from the store, with
 * `justWritten` memberships merged in (the by-user index may not show a grant made a moment ago).
 */
export const currentIdentity = async (
  deps: AuthDependencies,
  user: UserRecord,
  justWritten: Identity['memberships'] = [],
): Promise<Identity> => {
  const memberships = await deps.bands.listMembershipsOfUser(user.userId).catch((error: unknown) => {
    if (!(error instanceof TooManyMembershipsError)) throw error;
    throw new ConflictError(
      `This account belongs to more than ${error.limit} bands, more than a token can carry: ` +
        'ask a leader of one of them to remove you',
    );
  });
  return {
    userId: user.userId,
    email: user.email,
    name: user.name,
    memberships: mergeMemberships(memberships, justWritten),
    instruments: [...user.instruments],
  };
};

/** The public view of a user. */
export const userView = (user: UserRecord): SessionGrant['user'] => ({
  userId: user.userId,
  email: user.email,
  name: user.name,
  instruments: [...user.instruments],
});
