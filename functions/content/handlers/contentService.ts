import { contentService } from '../../../shared/contracts/services/contentServices.ts';
import { serviceHandler } from '../../../shared/runtime/index.ts';
import { listGigs } from '../useCases/gigQueries.ts';
import { listSongs } from '../useCases/listSongs.ts';
import { bandAudience, recentlyAdded, tokensOf } from '../useCases/memberQueries.ts';
import { contentDependencies } from '../wiring/contentDependencies.ts';

const actorOf = (input: { bandId: string; actingUserId: string }) => ({
  bandId: input.bandId,
  userId: input.actingUserId,
});

/** `content_service` — a member's songs and gigs for dashboard and sync; every band operation checks membership. */
export const handler = serviceHandler(contentService, {
  memberView: ({ actingUserId, ...request }) =>
    listSongs(contentDependencies(), { ...request, userId: actingUserId, view: 'mine' }),
  upcomingGigs: async (input) => ({
    gigs: await listGigs(contentDependencies(), actorOf(input), 'upcoming', input.limit),
  }),
  completedGigs: async (input) => ({
    gigs: await listGigs(contentDependencies(), actorOf(input), 'completed', input.limit),
  }),
  pendingOffers: async (input) => ({
    gigs: await listGigs(contentDependencies(), actorOf(input), 'pending', input.limit),
  }),
  recentlyAdded: async (input) => ({
    files: await recentlyAdded(contentDependencies(), { ...actorOf(input), limit: input.limit }),
  }),
  tokensOf: (input) => tokensOf(contentDependencies(), input),
  bandAudience: async ({ bandId }) => ({ members: await bandAudience(contentDependencies(), bandId) }),
});
