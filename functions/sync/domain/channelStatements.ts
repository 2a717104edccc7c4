import type { Role } from '../../../shared/contracts/bandVocabulary.ts';
import type { EventData } from '../../../shared/contracts/eventCatalog.ts';
import type { ChannelBand } from './liveRecords.ts';
import { CHANNEL_TTL_SECONDS } from './syncLimits.ts';

/**
 * Where a statement about a membership comes from. At the same instant a membership change outranks a
 * sign-in: the change is the later decision about that one band, the sign-in a snapshot of all of them.
 */
export type StatementSource = 'login' | 'membership_change';

const statement = (userId: string, bandId: string, role: Role | null, occurredAt: string): ChannelBand => {
  const asOf = Date.parse(occurredAt);
  return { userId, bandId, role, asOf, expiresAt: Math.floor(asOf / 1000) + CHANNEL_TTL_SECONDS };
};

/** The login reaction's entries: the user's role in each band auth listed when they signed in. */
export const loginStatements = (login: EventData<'auth.user_logged_in'>, occurredAt: string): ChannelBand[] =>
  login.memberships.map((m) => statement(login.userId, m.bandId, m.role, occurredAt));

/** A membership granted, changed or revoked (role null), as of the change. */
export const membershipChangeStatement = (
  change: EventData<'auth.permission_updated'>,
  occurredAt: string,
): ChannelBand => statement(change.userId, change.bandId, change.role, occurredAt);

/**
 * The role a prepared entry lets `subscribe` use without asking auth: none when there is no entry, when it
 * says the membership was revoked (auth is asked: a later grant may not have reached sync yet), or when it
 * is older than any access token issued with it.
 */
export const preparedRole = (entry: ChannelBand | undefined, nowEpochSeconds: number): Role | null =>
  entry && entry.role !== null && entry.expiresAt > nowEpochSeconds ? entry.role : null;

/** Whether the entry read after subscribing is a revocation newer than what the subscribe relied on. */
export const revokedSince = (before: ChannelBand | undefined, after: ChannelBand | undefined): boolean =>
  after !== undefined && after.role === null && (before === undefined || after.asOf > before.asOf);
