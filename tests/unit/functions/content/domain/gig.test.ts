import { describe, expect, it } from 'vitest';
import {
  completedGigs,
  type Gig,
  gigSummary,
  newGig,
  pendingOffers,
  upcomingGigs,
  withAnswer,
  withPersonnel,
} from '../../../../../functions/content/domain/gig.ts';
import { GigDetails, Setlist } from '../../../../../functions/content/domain/gigFields.ts';

// The selections behind dashboard's gig widgets (content_service upcomingGigs, pendingOffers, completedGigs).
const TODAY = '2026-06-15';
const NOW = new Date('2026-06-15T12:00:00.000Z');

const gig = (gigId: string, date: string, status: GigDetails['status'] = 'confirmed'): Gig =>
  newGig(
    'band-1',
    gigId,
    { date, name: gigId, venue: null, loadIn: null, downbeat: null, dressCode: null, notes: null, status },
    'leader',
    NOW,
  );

const ids = (gigs: readonly Gig[]): string[] => gigs.map((g) => g.gigId);

describe('the dashboard’s gig selections', () => {
  const gigs = [
    gig('later', '2026-09-01'),
    gig('today', TODAY, 'tentative'),
    gig('soon', '2026-06-20'),
    gig('called-off', '2026-07-01', 'cancelled'),
    gig('done-early', '2026-06-30', 'completed'),
    gig('last-week', '2026-06-08'),
    gig('long-ago', '2025-12-31', 'tentative'),
    gig('called-off-past', '2026-01-01', 'cancelled'),
  ];

  it('upcoming: today or later, neither cancelled nor completed, soonest first', () => {
    expect(ids(upcomingGigs(gigs, TODAY))).toEqual(['today', 'soon', 'later']);
  });

  it('completed: marked completed or past and not cancelled, newest first', () => {
    expect(ids(completedGigs(gigs, TODAY))).toEqual(['done-early', 'last-week', 'long-ago']);
  });

  it('pending offers: upcoming gigs with a chair offered to the user and not yet answered', () => {
    const offered = (g: Gig) =>
      withPersonnel(
        g,
        [
          { userId: 'horn', instrument: 'trumpet' },
          { userId: 'reed', instrument: 'alto_sax' },
        ],
        NOW,
      );
    const answered = withAnswer(offered(gig('answered', '2026-07-04')), 'horn', true, NOW);
    const withOffers = [
      offered(gig('open', '2026-08-01')),
      offered(gig('open-sooner', '2026-06-16')),
      offered(gig('past-offer', '2026-06-01')),
      ...(answered ? [answered] : []),
      gig('no-chair', '2026-06-18'),
    ];
    expect(ids(pendingOffers(withOffers, 'horn', TODAY))).toEqual(['open-sooner', 'open']);
    // The other player has not answered the gig horn accepted.
    expect(ids(pendingOffers(withOffers, 'reed', TODAY))).toEqual(['open-sooner', 'answered', 'open']);
    expect(gigSummary(answered as Gig, 'horn').myOffer).toEqual({
      instrument: 'trumpet',
      status: 'accepted',
    });
    expect(gigSummary(answered as Gig, 'stranger').myOffer).toBeNull();
  });
});

describe('gig text a leader types', () => {
  it('refuses bidirectional formatting and control characters in what members read', () => {
    const gig = { date: '2026-12-31', name: 'New Year’s Eve' };
    expect(GigDetails.safeParse(gig).success).toBe(true);
    expect(GigDetails.safeParse({ ...gig, venue: 'Blue\u202ENote' }).success).toBe(false);
    expect(GigDetails.safeParse({ ...gig, name: 'Eve\u0007' }).success).toBe(false);
    expect(GigDetails.safeParse({ ...gig, notes: 'Load-in at six\nbring stands' }).success).toBe(true);
    expect(Setlist.safeParse({ sets: [{ name: 'Set\u20661', songs: [] }] }).success).toBe(false);
  });
});
