import { describe, expect, it } from 'vitest';
import type { MembershipRecord } from '../../../../../functions/auth/domain/authRecords.ts';
import { planRemoval, planRoleChange } from '../../../../../functions/auth/domain/bandLeadership.ts';

const member = (userId: string, role: 'leader' | 'member'): MembershipRecord => ({
  bandId: 'b1',
  userId,
  role,
  joinedAt: '2025-01-01T00:00:00Z',
});

describe('a band keeps at least one leader', () => {
  const oneLeader = [member('lea', 'leader'), member('mem', 'member')];
  const twoLeaders = [...oneLeader, member('lea2', 'leader')];

  it('refuses to demote the only leader', () => {
    expect(planRoleChange(oneLeader, 'lea', 'member')).toEqual({ kind: 'last_leader' });
  });

  it('demotes a leader when another remains', () => {
    expect(planRoleChange(twoLeaders, 'lea', 'member')).toEqual({
      kind: 'change',
      previousRole: 'leader',
      role: 'member',
    });
  });

  it('promotes a member', () => {
    expect(planRoleChange(oneLeader, 'mem', 'leader')).toEqual({
      kind: 'change',
      previousRole: 'member',
      role: 'leader',
    });
  });

  it('reports an unchanged role and an unknown member', () => {
    expect(planRoleChange(oneLeader, 'mem', 'member')).toEqual({ kind: 'unchanged', role: 'member' });
    expect(planRoleChange(oneLeader, 'nobody', 'leader')).toEqual({ kind: 'not_member' });
  });

  it('refuses to remove the only leader, removes anyone else', () => {
    expect(planRemoval(oneLeader, 'lea')).toEqual({ kind: 'last_leader' });
    expect(planRemoval(oneLeader, 'mem')).toEqual({ kind: 'remove', previousRole: 'member' });
    expect(planRemoval(twoLeaders, 'lea')).toEqual({ kind: 'remove', previousRole: 'leader' });
    expect(planRemoval(oneLeader, 'nobody')).toEqual({ kind: 'not_member' });
  });
});
