import type { OutboxEvent } from '../../../shared/runtime/index.ts';
import type { RefreshTokenRecord, SessionRecord } from '../domain/authRecords.ts';

/**
 * Sessions (refresh-token families) and their refresh tokens, stored by hash. Each write commits the
 * `outbox` events given with it in the same transaction.
 */
export interface SessionStore {
  /** Starts a session with its first refresh token. */
  createSession(
    session: SessionRecord,
    firstToken: RefreshTokenRecord,
    outbox: readonly OutboxEvent[],
  ): Promise<void>;
  getSession(sessionId: string): Promise<SessionRecord | null>;
  getRefreshToken(tokenHash: string): Promise<RefreshTokenRecord | null>;
  /**
   * Spends `usedHash` and stores `next` in one transaction, only while the old token is unspent and the
   * session active; throws `ConcurrentChangeError` otherwise (a concurrent use: treat as reuse).
   */
  rotate(usedHash: string, next: RefreshTokenRecord, outbox: readonly OutboxEvent[]): Promise<void>;
  /**
   * Revokes a session; true when it was active until now (so exactly one caller reports it, and only that
   * caller's outbox events are written).
   */
  revokeSession(
    sessionId: string,
    reason: NonNullable<SessionRecord['revokedReason']>,
    outbox: readonly OutboxEvent[],
  ): Promise<boolean>;
}
