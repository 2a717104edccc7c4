import { describe, expect, it } from 'vitest';
import type { InvitationRecord } from '../../../../../functions/auth/domain/authRecords.ts';
import { acceptInvitations } from '../../../../../functions/auth/domain/invitationAcceptance.ts';

const now = 5_000;
const invitation = (bandId: string, role: 'leader' | 'member', expiresAt = now + 10): InvitationRecord => ({
  email: 'ana@example.com',
  bandId,
  role,
  invitedBy: 'lea',
  createdAt: '2025-01-01T00:00:00Z',
  expiresAt,
});

describe('acceptInvitations', () => {
  it('turns a pending invitation into a membership with the invited role', () => {
    const outcome = acceptInvitations({
      userId: 'u1',
      invitations: [invitation('b1', 'member')],
      currentBandIds: new Set(),
      nowSeconds: now,
      nowIso: '2025-02-02T00:00:00Z',
    });
    expect(outcome.grants.map((g) => g.membership)).toEqual([
      { bandId: 'b1', userId: 'u1', role: 'member', joinedAt: '2025-02-02T00:00:00Z' },
    ]);
    expect(outcome.discarded).toEqual([]);
  });

  it('discards expired invitations and invitations to a band the user is already in', () => {
    const outcome = acceptInvitations({
      userId: 'u1',
      invitations: [invitation('b1', 'leader', now), invitation('b2', 'member')],
      currentBandIds: new Set(['b2']),
      nowSeconds: now,
      nowIso: 'x',
    });
    expect(outcome.grants).toEqual([]);
    expect(outcome.discarded.map((i) => i.bandId).sort()).toEqual(['b1', 'b2']);
  });

  it('grants the highest role offered when one band invited twice', () => {
    const outcome = acceptInvitations({
      userId: 'u1',
      invitations: [invitation('b1', 'member'), invitation('b1', 'leader')],
      currentBandIds: new Set(),
      nowSeconds: now,
      nowIso: 'x',
    });
    expect(outcome.grants.map((g) => g.membership.role)).toEqual(['leader']);
    expect(outcome.discarded.map((i) => i.role)).toEqual(['member']);
  });
});
