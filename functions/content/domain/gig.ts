import type { Instrument } from '../../../shared/contracts/bandVocabulary.ts';
import type { GigSummary } from '../../../shared/contracts/services/contentServices.ts';
import type { Chair, ChairOffer, GigDetails, GigDetailsPatch, SetlistSet } from './gigFields.ts';

/** A band's gig: its details, its setlist and its personnel, kept as one record. */
export interface Gig extends GigDetails {
  readonly bandId: string;
  readonly gigId: string;
  readonly sets: readonly SetlistSet[];
  readonly chairs: readonly Chair[];
  readonly createdBy: string;
  readonly updatedAt: string;
  /** Grows with every write: a write is conditional on the revision it read (no lost update). */
  readonly revision: number;
}

export const newGig = (
  bandId: string,
  gigId: string,
  details: GigDetails,
  createdBy: string,
  now: Date,
): Gig => ({
  ...details,
  bandId,
  gigId,
  sets: [],
  chairs: [],
  createdBy,
  updatedAt: now.toISOString(),
  revision: 1,
});

const revised = (gig: Gig, change: Partial<Gig>, now: Date): Gig => ({
  ...gig,
  ...change,
  updatedAt: now.toISOString(),
  revision: gig.revision + 1,
});

export const withDetails = (gig: Gig, patch: GigDetailsPatch, now: Date): Gig => revised(gig, patch, now);

export const withSetlist = (gig: Gig, sets: readonly SetlistSet[], now: Date): Gig =>
  revised(gig, { sets }, now);

const chairKey = (chair: { userId: string; instrument: Instrument }): string =>
  `${chair.userId}\u0000${chair.instrument}`;

/**
 * The leader's new list of chairs. A chair offered before keeps its answer (re-sending the list must not undo an
 * acceptance); a new chair is `offered`; a chair left out is withdrawn. The same member and instrument twice is
 * one chair.
 */
export const withPersonnel = (gig: Gig, offers: readonly ChairOffer[], now: Date): Gig => {
  const previous = new Map(gig.chairs.map((chair) => [chairKey(chair), chair]));
  const chairs = new Map<string, Chair>();
  for (const offer of offers) {
    const key = chairKey(offer);
    if (!chairs.has(key)) {
      chairs.set(key, previous.get(key) ?? { ...offer, status: 'offered', answeredAt: null });
    }
  }
  return revised(gig, { chairs: [...chairs.values()] }, now);
};

/** The user ids a personnel change concerns: members gaining or losing a chair. */
export const membersAffected = (before: Gig, after: Gig): string[] => {
  const was = new Set(before.chairs.map(chairKey));
  const is = new Set(after.chairs.map(chairKey));
  const changed = [
    ...after.chairs.filter((c) => !was.has(chairKey(c))),
    ...before.chairs.filter((c) => !is.has(chairKey(c))),
  ];
  return [...new Set(changed.map((c) => c.userId))];
};

/**
 * The member's answer to every chair offered to them on this gig; `null` when nothing was offered to them
 * (a member cannot answer a chair that is not theirs).
 */
export const withAnswer = (gig: Gig, userId: string, accept: boolean, now: Date): Gig | null => {
  if (!gig.chairs.some((chair) => chair.userId === userId)) return null;
  const status = accept ? 'accepted' : 'declined';
  const answeredAt = now.toISOString();
  return revised(
    gig,
    {
      chairs: gig.chairs.map((chair) => (chair.userId === userId ? { ...chair, status, answeredAt } : chair)),
    },
    now,
  );
};

/** The gig as listed for one member: with their offer (their first chair, if they hold several). */
export const gigSummary = (gig: Gig, userId: string): GigSummary => {
  const chair = gig.chairs.find((c) => c.userId === userId);
  return {
    gigId: gig.gigId,
    date: gig.date,
    name: gig.name,
    venue: gig.venue,
    status: gig.status,
    myOffer: chair ? { instrument: chair.instrument, status: chair.status } : null,
  };
};

const byDate = (a: Gig, b: Gig): number => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/** Today or later and neither cancelled nor completed, soonest first. */
export const upcomingGigs = (gigs: readonly Gig[], today: string): Gig[] =>
  gigs.filter((g) => g.date >= today && g.status !== 'cancelled' && g.status !== 'completed').sort(byDate);

/** Completed, or in the past and not cancelled, newest first. */
export const completedGigs = (gigs: readonly Gig[], today: string): Gig[] =>
  gigs
    .filter((g) => g.status === 'completed' || (g.date < today && g.status !== 'cancelled'))
    .sort((a, b) => byDate(b, a));

/** Upcoming gigs with a chair offered to the user and not yet answered, soonest first. */
export const pendingOffers = (gigs: readonly Gig[], userId: string, today: string): Gig[] =>
  upcomingGigs(gigs, today).filter((g) =>
    g.chairs.some((c) => c.userId === userId && c.status === 'offered'),
  );

/** The song keys of the setlist in set order, each once. */
export const setlistSongKeys = (gig: Gig): string[] => [
  ...new Set(gig.sets.flatMap((set) => set.songs.map((s) => s.songKey))),
];
