import { hashRefreshToken } from '../crypto/refreshTokenSecret.ts';
import type { AuthDependencies } from './AuthDependencies.ts';

/**
 * Ends the session a refresh token belongs to (its whole family). Answers the same whether or not the token
 * was known (RFC 7009 style), so the endpoint cannot be used to probe tokens. The revocation and its
 * `auth.user_logged_out` commit together, written only by the request that actually revoked.
 */
export const logout = async (
  deps: AuthDependencies,
  refreshToken: string,
  correlationId?: string,
): Promise<void> => {
  const token = await deps.sessions.getRefreshToken(hashRefreshToken(refreshToken));
  if (!token) return;
  await deps.outbox.commit(
    [
      {
        name: 'auth.user_logged_out',
        data: { userId: token.userId, sessionId: token.sessionId, reason: 'logout' },
        options: { correlationId },
      },
    ],
    (events) => deps.sessions.revokeSession(token.sessionId, 'logout', events),
  );
};
