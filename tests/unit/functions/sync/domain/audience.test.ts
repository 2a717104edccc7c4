import { describe, expect, it } from 'vitest';
import { concerns } from '../../../../../functions/sync/domain/audience.ts';
import { bandMessageFor } from '../../../../../functions/sync/domain/bandMessages.ts';
import { contentDeleted } from '../../../../helpers/eventFixtures.ts';

const trumpet = { role: 'member' as const, userId: 'u-trumpet', instruments: ['trumpet' as const] };
const alto = { role: 'member' as const, userId: 'u-alto', instruments: ['alto_sax' as const] };
const leader = { role: 'leader' as const, userId: 'u-leader', instruments: ['piano' as const] };

describe('concerns', () => {
  const bbChart = { kind: 'instruments', instruments: ['trumpet', 'clarinet'], token: 'Bb' } as const;

  it('sends a chart to the players content named, and to leaders', () => {
    expect(concerns(bbChart, trumpet)).toBe(true);
    expect(concerns(bbChart, alto)).toBe(false);
    expect(concerns(bbChart, leader)).toBe(true);
  });

  it('sends band-wide messages to everyone and per-user ones to that user only, leaders included', () => {
    expect(concerns({ kind: 'all' }, alto)).toBe(true);
    expect(concerns({ kind: 'users', userIds: ['u-alto'] }, alto)).toBe(true);
    expect(concerns({ kind: 'users', userIds: ['u-alto'] }, leader)).toBe(false);
    expect(concerns({ kind: 'leaders' }, trumpet)).toBe(false);
    expect(concerns({ kind: 'leaders' }, leader)).toBe(true);
  });
});

describe('bandMessageFor', () => {
  it('turns content.deleted into file_updated "deleted" without a download route, for the chart’s players', () => {
    const plan = bandMessageFor('content.deleted', contentDeleted());
    expect(plan).toMatchObject({
      bandId: 'band-1',
      fileId: 'file-1',
      audience: { kind: 'instruments', instruments: ['trumpet'] },
      message: { type: 'file_updated', action: 'deleted', downloadRoute: null },
    });
  });

  it('relays audio to all members and names drive’s download route', () => {
    const plan = bandMessageFor('content.updated', {
      ...contentDeleted({ kind: 'audio', token: null, instruments: [], allMembers: true }),
      change: 'added',
      displayTitle: 'All Of Me',
    });
    expect(plan?.audience).toEqual({ kind: 'all' });
    expect(plan?.message).toMatchObject({ downloadRoute: '/api/drive/bands/band-1/files/file-1/download' });
  });

  it('sends a dashboard widget to its user only', () => {
    const plan = bandMessageFor('dashboard.module_updated', {
      bandId: 'band-1',
      userId: 'u-alto',
      widget: 'new_charts',
      reason: 'content_changed',
    });
    expect(plan?.audience).toEqual({ kind: 'users', userIds: ['u-alto'] });
  });

  it('sends a gig change to every member', () => {
    const plan = bandMessageFor('content.gig_updated', {
      bandId: 'band-1',
      gigId: 'gig-1',
      change: 'setlist',
      date: '2026-12-31',
      status: 'confirmed',
      changedBy: 'u-leader',
      members: [],
    });
    expect(plan).toMatchObject({
      audience: { kind: 'all' },
      message: { type: 'gig_updated', gigId: 'gig-1', change: 'setlist' },
    });
  });

  it('relays nothing for an event it does not map', () => {
    expect(
      bandMessageFor('auth.user_logged_out', { userId: 'u', sessionId: 's', reason: 'logout' }),
    ).toBeNull();
  });
});
