import { UnauthorizedError } from '../../../shared/runtime/index.ts';
import { hashRefreshToken, newRefreshToken } from '../crypto/refreshTokenSecret.ts';
import { REFRESH_TOKEN_TTL_SECONDS } from '../domain/authConstants.ts';
import { decideRefresh } from '../domain/refreshDecision.ts';
import { ConcurrentChangeError } from '../store/storeErrors.ts';
import type { AuthDependencies } from './AuthDependencies.ts';
import { currentIdentity, type SessionGrant, userView } from './sessionGrant.ts';

// One message for every refusal: a client learns nothing about which check failed.
const REFUSED = 'The refresh token is not valid; sign in again';

/** Revokes a family whose spent token came back, and says so on the bus (once, whoever revokes it). */
const revokeForReuse = async (
  deps: AuthDependencies,
  sessionId: string,
  userId: string,
  correlationId: string | undefined,
): Promise<never> => {
  await deps.outbox.commit(
    [
      {
        name: 'auth.user_logged_out',
        data: { userId, sessionId, reason: 'refresh_token_reuse' },
        options: { correlationId },
      },
    ],
    (events) => deps.sessions.revokeSession(sessionId, 'refresh_token_reuse', events),
  );
  throw new UnauthorizedError(REFUSED);
};

/**
 * Rotates a refresh token: the presented token is spent, a new one issued in the same family with a fresh
 * access token (memberships re-read). A spent token presented again revokes the whole family.
 *
 * The access token is signed before the rotation commits, and `auth.token_refreshed` commits with it: once
 * the old token is spent nothing can fail the request, so the client always receives the tokens that
 * replace it (a bus outage must not make its next, honest refresh look like reuse).
 */
export const refreshSession = async (
  deps: AuthDependencies,
  refreshToken: string,
  correlationId?: string,
): Promise<SessionGrant> => {
  const tokenHash = hashRefreshToken(refreshToken);
  const token = await deps.sessions.getRefreshToken(tokenHash);
  const session = token ? await deps.sessions.getSession(token.sessionId) : null;
  const now = deps.now();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const decision = decideRefresh({ token, session, nowSeconds });
  if (decision.kind === 'rejected') throw new UnauthorizedError(REFUSED);
  if (decision.kind === 'reuse') {
    return revokeForReuse(deps, decision.sessionId, decision.userId, correlationId);
  }

  const user = await deps.users.getUser(decision.userId);
  if (!user) throw new UnauthorizedError(REFUSED);
  const identity = await currentIdentity(deps, user);
  const access = await deps.tokens.issue(identity);
  const refreshed = {
    name: 'auth.token_refreshed',
    data: {
      userId: user.userId,
      sessionId: decision.sessionId,
      accessTokenExpiresAt: new Date(access.expiresAt * 1000).toISOString(),
    },
    options: { correlationId },
  } as const;
  const next = newRefreshToken();
  try {
    await deps.outbox.commit([refreshed], (events) =>
      deps.sessions.rotate(
        tokenHash,
        {
          tokenHash: hashRefreshToken(next),
          sessionId: decision.sessionId,
          userId: decision.userId,
          status: 'active',
          issuedAt: now.toISOString(),
          expiresAt: nowSeconds + REFRESH_TOKEN_TTL_SECONDS,
        },
        events,
      ),
    );
  } catch (error) {
    // Spent between our read and our write: two parties hold this token.
    if (error instanceof ConcurrentChangeError) {
      return revokeForReuse(deps, decision.sessionId, decision.userId, correlationId);
    }
    throw error;
  }
  return {
    accessToken: access.token,
    tokenType: 'Bearer',
    expiresIn: access.expiresIn,
    refreshToken: next,
    sessionId: decision.sessionId,
    user: userView(user),
    memberships: identity.memberships,
  };
};
