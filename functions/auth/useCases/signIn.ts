import { randomUUID } from 'node:crypto';
import type { Instrument } from '../../../shared/contracts/bandVocabulary.ts';
import type { EventToPublish } from '../../../shared/runtime/index.ts';
import { hashRefreshToken, newRefreshToken } from '../crypto/refreshTokenSecret.ts';
import { REFRESH_TOKEN_TTL_SECONDS, SESSION_MAX_AGE_SECONDS } from '../domain/authConstants.ts';
import type { SignInMethod, UserRecord } from '../domain/authRecords.ts';
import { normalizeEmail } from '../domain/email.ts';
import { acceptInvitations } from '../domain/invitationAcceptance.ts';
import { initialDisplayName } from '../domain/profile.ts';
import { EmailAlreadyRegisteredError } from '../store/storeErrors.ts';
import type { AuthDependencies } from './AuthDependencies.ts';
import { currentIdentity, type SessionGrant, userView } from './sessionGrant.ts';

/** Who is signing in, as proven by Google or (locally) asserted by dev-login. */
export interface SignInRequest {
  readonly email: string;
  readonly name?: string | undefined;
  /** Instruments for a new user (dev-login only; Google does not know them). */
  readonly instruments?: readonly Instrument[] | undefined;
  readonly method: SignInMethod;
  readonly correlationId?: string;
}

const findOrCreateUser = async (
  deps: AuthDependencies,
  request: SignInRequest,
  email: string,
): Promise<{ user: UserRecord; firstLogin: boolean }> => {
  const existing = await deps.users.findUserByEmail(email);
  if (existing) return { user: existing, firstLogin: false };
  const user: UserRecord = {
    userId: randomUUID(),
    email,
    name: initialDisplayName(email, request.name),
    instruments: [...new Set(request.instruments ?? [])],
    createdAt: deps.now().toISOString(),
  };
  try {
    await deps.users.createUser(user);
    return { user, firstLogin: true };
  } catch (error) {
    // A concurrent first sign-in won the race: that user is this user.
    if (!(error instanceof EmailAlreadyRegisteredError)) throw error;
    const winner = await deps.users.findUserByEmail(email);
    if (!winner) throw error;
    return { user: winner, firstLogin: false };
  }
};

/**
 * Signs a user in: finds or creates the user, turns pending invitations into memberships, starts a session
 * (refresh-token family), issues an access token and publishes `auth.user_logged_in` (and
 * `auth.permission_updated` for each membership granted).
 */
export const signIn = async (deps: AuthDependencies, request: SignInRequest): Promise<SessionGrant> => {
  const email = normalizeEmail(request.email);
  const { user, firstLogin } = await findOrCreateUser(deps, request, email);
  const now = deps.now();
  const nowSeconds = Math.floor(now.getTime() / 1000);

  const current = await deps.bands.listMembershipsOfUser(user.userId);
  const outcome = acceptInvitations({
    userId: user.userId,
    invitations: await deps.invitations.listForEmail(email),
    currentBandIds: new Set(current.map((m) => m.bandId)),
    nowSeconds,
    nowIso: now.toISOString(),
  });
  const events: EventToPublish[] = [];
  for (const grant of outcome.grants) {
    const added = await deps.bands.addMember(grant.membership).catch((error: unknown) => {
      // The band was deleted since the invitation: nothing to join.
      if ((error as Error).name === 'BandNotFoundError') return false;
      throw error;
    });
    await deps.invitations.deleteInvitation(grant.invitation.email, grant.invitation.bandId);
    if (added) {
      events.push({
        name: 'auth.permission_updated',
        data: {
          bandId: grant.membership.bandId,
          userId: user.userId,
          change: 'granted',
          role: grant.membership.role,
          previousRole: null,
          changedBy: grant.invitation.invitedBy,
        },
        options: { bandId: grant.membership.bandId, correlationId: request.correlationId },
      });
    }
  }
  for (const stale of outcome.discarded) await deps.invitations.deleteInvitation(stale.email, stale.bandId);

  const identity = await currentIdentity(deps, user);
  const sessionId = randomUUID();
  const refreshToken = newRefreshToken();
  await deps.sessions.createSession(
    {
      sessionId,
      userId: user.userId,
      method: request.method,
      status: 'active',
      createdAt: now.toISOString(),
      expiresAt: nowSeconds + SESSION_MAX_AGE_SECONDS,
    },
    {
      tokenHash: hashRefreshToken(refreshToken),
      sessionId,
      userId: user.userId,
      status: 'active',
      issuedAt: now.toISOString(),
      expiresAt: nowSeconds + REFRESH_TOKEN_TTL_SECONDS,
    },
  );
  const access = await deps.tokens.issue(identity);
  events.push({
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
  });
  await deps.publisher.publishAll(events);

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
