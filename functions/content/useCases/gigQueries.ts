import type { GigSummary, SongView } from '../../../shared/contracts/services/contentServices.ts';
import { NotFoundError } from '../../../shared/runtime/index.ts';
import {
  completedGigs,
  type Gig,
  gigSummary,
  pendingOffers,
  setlistSongKeys,
  upcomingGigs,
} from '../domain/gig.ts';
import { type GigView, gigView } from '../domain/gigView.ts';
import { songViews } from '../domain/songViews.ts';
import { requireMember } from './bandMembership.ts';
import type { ContentDependencies } from './ContentDependencies.ts';
import type { GigActor } from './gigCommands.ts';
import { resolveScope } from './viewScope.ts';

const today = (deps: ContentDependencies): string => deps.now().toISOString().slice(0, 10);

/** Which gigs: every one by date, or the dashboard's selections. */
export type GigSelection = 'all' | 'upcoming' | 'completed' | 'pending';

/** The band's gigs as the caller lists them (with their own offer). */
export const listGigs = async (
  deps: ContentDependencies,
  actor: GigActor,
  selection: GigSelection,
  limit: number,
): Promise<GigSummary[]> => {
  await requireMember(deps, actor.bandId, actor.userId);
  const gigs = await deps.gigs.gigs(actor.bandId);
  const selected: Gig[] =
    selection === 'upcoming'
      ? upcomingGigs(gigs, today(deps))
      : selection === 'completed'
        ? completedGigs(gigs, today(deps))
        : selection === 'pending'
          ? pendingOffers(gigs, actor.userId, today(deps))
          : [...gigs].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return selected.slice(0, limit).map((gig) => gigSummary(gig, actor.userId));
};

/**
 * A gig opened by a member: per setlist song their own part and the recordings (a leader: every part), in set
 * order, and the documents of the gig's day.
 */
export const getGig = async (
  deps: ContentDependencies,
  actor: GigActor & { readonly gigId: string },
): Promise<GigView> => {
  const member = await requireMember(deps, actor.bandId, actor.userId);
  const gig = await deps.gigs.gig(actor.bandId, actor.gigId);
  if (!gig) throw new NotFoundError(`Band ${actor.bandId} has no gig ${actor.gigId}`);
  const { scope, partitions } = resolveScope(member, {});
  const songKeys = setlistSongKeys(gig);
  const [files, titles, documents] = await Promise.all([
    Promise.all(songKeys.map((key) => deps.catalogue.songFiles(actor.bandId, key, partitions))),
    deps.catalogue.titleOverrides(actor.bandId, songKeys),
    deps.catalogue.gigDocuments(actor.bandId, gig.date),
  ]);
  const songs = new Map<string, SongView>(
    songViews(actor.bandId, files.flat(), scope, titles).map((view) => [view.songKey, view]),
  );
  return gigView(gig, songs, documents, { userId: actor.userId, leader: member.role === 'leader' });
};
