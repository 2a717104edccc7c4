import type { RefreshTokenRecord, SessionRecord } from './authRecords.ts';

/** What to do with a presented refresh token. */
export type RefreshDecision =
  | { readonly kind: 'rotate'; readonly sessionId: string; readonly userId: string }
  /** A spent token came back: someone holds a copy. The whole family must be revoked. */
  | { readonly kind: 'reuse'; readonly sessionId: string; readonly userId: string }
  | { readonly kind: 'rejected'; readonly reason: 'unknown' | 'revoked' | 'expired' };

/**
 * Refresh-token rotation with reuse detection (OAuth 2.0 Security BCP, section 4.14): a token is good
 * exactly once, while its session is active and neither has expired.
 *
 * @example decideRefresh({ token, session, nowSeconds: Date.now() / 1000 }).kind // 'rotate'
 */
export const decideRefresh = (input: {
  readonly token: RefreshTokenRecord | null;
  readonly session: SessionRecord | null;
  readonly nowSeconds: number;
}): RefreshDecision => {
  const { token, session, nowSeconds } = input;
  if (!token) return { kind: 'rejected', reason: 'unknown' };
  // Once revoked, a family stays dead: a reused token then needs no second revocation.
  if (!session || session.status === 'revoked' || session.userId !== token.userId) {
    return { kind: 'rejected', reason: 'revoked' };
  }
  if (token.status === 'used') return { kind: 'reuse', sessionId: session.sessionId, userId: session.userId };
  if (token.expiresAt <= nowSeconds || session.expiresAt <= nowSeconds) {
    return { kind: 'rejected', reason: 'expired' };
  }
  return { kind: 'rotate', sessionId: session.sessionId, userId: session.userId };
};
