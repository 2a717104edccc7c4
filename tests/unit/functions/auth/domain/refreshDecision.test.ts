import { describe, expect, it } from 'vitest';
import type { RefreshTokenRecord, SessionRecord } from '../../../../../functions/auth/domain/authRecords.ts';
import { decideRefresh } from '../../../../../functions/auth/domain/refreshDecision.ts';

const now = 1_000_000;
const session: SessionRecord = {
  sessionId: 's1',
  userId: 'u1',
  method: 'google',
  status: 'active',
  createdAt: '2025-01-01T00:00:00Z',
  expiresAt: now + 1000,
};
const token: RefreshTokenRecord = {
  tokenHash: 'h1',
  sessionId: 's1',
  userId: 'u1',
  status: 'active',
  issuedAt: '2025-01-01T00:00:00Z',
  expiresAt: now + 100,
};

describe('decideRefresh', () => {
  it('rotates an unspent token of an active session', () => {
    expect(decideRefresh({ token, session, nowSeconds: now })).toEqual({
      kind: 'rotate',
      sessionId: 's1',
      userId: 'u1',
    });
  });

  it('reports reuse when a spent token comes back, so the family is revoked', () => {
    expect(decideRefresh({ token: { ...token, status: 'used' }, session, nowSeconds: now })).toEqual({
      kind: 'reuse',
      sessionId: 's1',
      userId: 'u1',
    });
  });

  it('rejects an unknown token', () => {
    expect(decideRefresh({ token: null, session: null, nowSeconds: now })).toEqual({
      kind: 'rejected',
      reason: 'unknown',
    });
  });

  it('rejects any token of a revoked family, spent or not, without a second revocation', () => {
    const revoked = { ...session, status: 'revoked' as const };
    expect(decideRefresh({ token, session: revoked, nowSeconds: now }).kind).toBe('rejected');
    expect(decideRefresh({ token: { ...token, status: 'used' }, session: revoked, nowSeconds: now })).toEqual(
      {
        kind: 'rejected',
        reason: 'revoked',
      },
    );
  });

  it('rejects an expired token and a token of an expired session', () => {
    expect(decideRefresh({ token, session, nowSeconds: now + 100 })).toEqual({
      kind: 'rejected',
      reason: 'expired',
    });
    expect(
      decideRefresh({ token: { ...token, expiresAt: now + 5000 }, session, nowSeconds: now + 1000 }),
    ).toEqual({ kind: 'rejected', reason: 'expired' });
  });

  it('rejects a token whose session belongs to someone else', () => {
    expect(decideRefresh({ token: { ...token, userId: 'u2' }, session, nowSeconds: now }).kind).toBe(
      'rejected',
    );
  });
});
