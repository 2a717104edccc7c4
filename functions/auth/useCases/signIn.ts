import { randomUUID } from 'node:crypto';
import type { Instrument } from '../../../shared/contracts/bandVocabulary.ts';
import type { Identity } from '../../../shared/contracts/identity.ts';
import { type EventToPublish, UnauthorizedError } from '../../../shared/runtime/index.ts';
import { hashRefreshToken, newRefreshToken } from '../crypto/refreshTokenSecret.ts';
import { REFRESH_TOKEN_TTL_SECONDS, SESSION_MAX_AGE_SECONDS } from '../domain/authConstants.ts';
import type { RefreshTokenRecord, SessionRecord, SignInMethod, UserRecord } from '../domain/authRecords.ts';
import { normalizeEmail } from '../domain/email.ts';
import { acceptInvitations } from '../domain/invitationAcceptance.ts';
import { initialDisplayName } from '../domain/profile.ts';
import {
  BandFullError,
  BandNotFoundError,
  EmailAlreadyRegisteredError,
  TooManyBandsError,
} from '../store/storeErrors.ts';
import type { AuthDependencies } from './AuthDependencies.ts';
import { currentIdentity, type SessionGrant, userView } from './sessionGrant.ts';

/** Who is signing in, as proven by Google or (locally) asserted by dev-login. */
export interface SignInRequest {
  readonly email: string;
  readonly name?: string | undefined;
  /** Instruments for a new user (dev-login only; Google does not know them). */
  readonly instruments?: readonly Instrument[] | undefined;
  readonly method: SignInMethod;
  /** Google's `sub` (stable account id): an email once linked to one Google account refuses any other. */
  readonly googleSubject?: string | undefined;
  readonly correlationId?: string;
}

/** The Google account presented is not the one this email's user signed in with before. */
const ACCOUNT_MISMATCH = 'This email belongs to another Google account';

/**
 * An existing user signing in with Google: the first Google sign-in links the account's `sub` (users made by
 * dev-login or before subjects were kept have none); afterwards only that account may sign in as this user.
 */
const linkedUser = async (
  deps: AuthDependencies,
  user: UserRecord,
  request: SignInRequest,
): Promise<UserRecord> => {
  const subject = request.googleSubject;
  if (!subject || user.googleSubject === subject) return user;
  if (user.googleSubject !== undefined) throw new UnauthorizedError(ACCOUNT_MISMATCH);
  if (!(await deps.users.linkGoogleSubject(user.userId, subject))) {
    throw new UnauthorizedError(ACCOUNT_MISMATCH);
  }
  return { ...user, googleSubject: subject };
};

const findOrCreateUser = async (
  deps: AuthDependencies,
  request: SignInRequest,
  email: string,
): Promise<{ user: UserRecord; firstLogin: boolean }> => {
  const existing = await deps.users.findUserByEmail(email);
  if (existing) return { user: await linkedUser(deps, existing, request), firstLogin: false };
  const user: UserRecord = {
    userId: randomUUID(),
    email,
    name: initialDisplayName(email, request.name),
    instruments: [...new Set(request.instruments ?? [])],
    createdAt: deps.now().toISOString(),
    ...(request.googleSubject ? { googleSubject: request.googleSubject } : {}),
  };
  try {
    await deps.users.createUser(user);
    return { user, firstLogin: true };
  } catch (error) {
    // A concurrent first sign-in won the race: that user is this user.
    if (!(error instanceof EmailAlreadyRegisteredError)) throw error;
    const winner = await deps.users.findUserByEmail(email);
    if (!winner) throw error;
    return { user: await linkedUser(deps, winner, request), firstLogin: false };
  }
};

/**
 * Turns the pending invitations of the user's email into memberships, each committed (and published) with
 * its `auth.permission_updated` event. An invitation that cannot be honoured now (band full, the user at the
 * band limit) stays pending until it expires; one for a band since deleted is dropped.
 */
const acceptPendingInvitations = async (
  deps: AuthDependencies,
  user: UserRecord,
  correlationId: string | undefined,
): Promise<Identity['memberships']> => {
  const now = deps.now();
  const current = await deps.bands.listMembershipsOfUser(user.userId);
  const outcome = acceptInvitations({
    userId: user.userId,
    invitations: await deps.invitations.listForEmail(user.email),
    currentBandIds: new Set(current.map((m) => m.bandId)),
    nowSeconds: Math.floor(now.getTime() / 1000),
    nowIso: now.toISOString(),
  });
  const granted: Identity['memberships'] = [];
  for (const grant of outcome.grants) {
    const { bandId, role } = grant.membership;
    const permission = {
      name: 'auth.permission_updated',
      data: {
        bandId,
        userId: user.userId,
        change: 'granted',
        role,
        previousRole: null,
        changedBy: grant.invitation.invitedBy,
      },
      options: { bandId, correlationId },
    } as const;
    try {
      const added = await deps.outbox.commit([permission], (events) =>
        deps.bands.addMember(grant.membership, events),
      );
      if (added) granted.push({ bandId, role });
    } catch (error) {
      if (error instanceof BandFullError || error instanceof TooManyBandsError) {
        deps.logger.info('Invitation left pending', { bandId, reason: error.name });
        continue;
      }
      // The band was deleted since the invitation: nothing to join.
      if (!(error instanceof BandNotFoundError)) throw error;
    }
    await deps.invitations.deleteInvitation(grant.invitation.email, grant.invitation.bandId);
  }
  for (const stale of outcome.discarded) await deps.invitations.deleteInvitation(stale.email, stale.bandId);
  return granted;
};

/**
 * Signs a user in: finds or creates the user, turns pending invitations into memberships, starts a session
 * (refresh-token family) and issues an access token. `auth.permission_updated` (one per membership granted)
 * and `auth.user_logged_in` commit with their state changes and are published after each commit; a bus
 * failure then leaves them to the outbox drain and the user still signs in.
 */
export const signIn = async (deps: AuthDependencies, request: SignInRequest): Promise<SessionGrant> => {
  const email = normalizeEmail(request.email);
  const { user, firstLogin } = await findOrCreateUser(deps, request, email);
  const now = deps.now();
  const nowSeconds = Math.floor(now.getTime() / 1000);

  const granted = await acceptPendingInvitations(deps, user, request.correlationId);
  // The by-user index may not show the memberships just granted yet: merge them in.
  const identity = await currentIdentity(deps, user, granted);
  const access = await deps.tokens.issue(identity);
  const sessionId = randomUUID();
  const refreshToken = newRefreshToken();
  const loggedIn: EventToPublish = {
    name: 'auth.user_logged_in',
    data: {
      userId: user.userId,
      email: user.email,
      name: user.name,
      method: request.method,
      sessionId,
      firstLogin,
      memberships: identity.memberships,
      instruments: identity.instruments,
    },
    options: { correlationId: request.correlationId },
  };
  const session: SessionRecord = {
    sessionId,
    userId: user.userId,
    method: request.method,
    status: 'active',
    createdAt: now.toISOString(),
    expiresAt: nowSeconds + SESSION_MAX_AGE_SECONDS,
  };
  const firstToken: RefreshTokenRecord = {
    tokenHash: hashRefreshToken(refreshToken),
    sessionId,
    userId: user.userId,
    status: 'active',
    issuedAt: now.toISOString(),
    expiresAt: nowSeconds + REFRESH_TOKEN_TTL_SECONDS,
  };
  await deps.outbox.commit([loggedIn], (events) => deps.sessions.createSession(session, firstToken, events));

  return {
    accessToken: access.token,
    tokenType: 'Bearer',
    expiresIn: access.expiresIn,
    refreshToken,
    sessionId,
    user: userView(user),
    memberships: identity.memberships,
  };
};
