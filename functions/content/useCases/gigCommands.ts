import type { GigChange } from '../../../shared/contracts/events/contentEvents.ts';
import type { EventToPublish } from '../../../shared/runtime/index.ts';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
} from '../../../shared/runtime/index.ts';
import {
  type Gig,
  membersAffected,
  newGig,
  withAnswer,
  withDetails,
  withPersonnel,
  withSetlist,
} from '../domain/gig.ts';
import type { ChairOffer, GigDetails, GigDetailsPatch, SetlistSet } from '../domain/gigFields.ts';
import { GigWriteConflictError } from '../store/GigStore.ts';
import { knownMember, requireLeader, requireMember } from './bandMembership.ts';
import type { ContentDependencies } from './ContentDependencies.ts';

type GigChangeKind = (typeof GigChange.options)[number];

const announce = (gig: Gig, change: GigChangeKind, changedBy: string, members: string[]): EventToPublish => ({
  name: 'content.gig_updated',
  data: {
    bandId: gig.bandId,
    gigId: gig.gigId,
    change,
    date: gig.date,
    status: gig.status,
    changedBy,
    members: members.slice(0, 200),
  },
});

const save = async (
  deps: ContentDependencies,
  gig: Gig,
  change: GigChangeKind,
  changedBy: string,
  members: string[] = [],
): Promise<Gig> => {
  try {
    await deps.outbox.commit([announce(gig, change, changedBy, members)], (events) =>
      deps.gigs.save(gig, events),
    );
    return gig;
  } catch (error) {
    if (error instanceof GigWriteConflictError) throw new ConflictError(error.message);
    throw error;
  }
};

const existingGig = async (deps: ContentDependencies, bandId: string, gigId: string): Promise<Gig> => {
  const gig = await deps.gigs.gig(bandId, gigId);
  if (!gig) throw new NotFoundError(`Band ${bandId} has no gig ${gigId}`);
  return gig;
};

/** Who asks, for which band (and gig). */
export interface GigActor {
  readonly bandId: string;
  readonly userId: string;
}

export const createGig = async (
  deps: ContentDependencies,
  actor: GigActor,
  details: GigDetails,
): Promise<Gig> => {
  await requireLeader(deps, actor.bandId, actor.userId);
  const gig = newGig(actor.bandId, deps.newId(), details, actor.userId, deps.now());
  return save(deps, gig, 'created', actor.userId);
};

export const updateGig = async (
  deps: ContentDependencies,
  actor: GigActor & { readonly gigId: string },
  patch: GigDetailsPatch,
): Promise<Gig> => {
  await requireLeader(deps, actor.bandId, actor.userId);
  const gig = await existingGig(deps, actor.bandId, actor.gigId);
  return save(deps, withDetails(gig, patch, deps.now()), 'details', actor.userId);
};

export const deleteGig = async (
  deps: ContentDependencies,
  actor: GigActor & { readonly gigId: string },
): Promise<void> => {
  await requireLeader(deps, actor.bandId, actor.userId);
  const gig = await existingGig(deps, actor.bandId, actor.gigId);
  const offered = [...new Set(gig.chairs.map((c) => c.userId))];
  try {
    await deps.outbox.commit([announce(gig, 'deleted', actor.userId, offered)], (events) =>
      deps.gigs.delete(gig, events),
    );
  } catch (error) {
    if (error instanceof GigWriteConflictError) throw new ConflictError(error.message);
    throw error;
  }
};

export const setSetlist = async (
  deps: ContentDependencies,
  actor: GigActor & { readonly gigId: string },
  sets: readonly SetlistSet[],
): Promise<Gig> => {
  await requireLeader(deps, actor.bandId, actor.userId);
  const gig = await existingGig(deps, actor.bandId, actor.gigId);
  return save(deps, withSetlist(gig, sets, deps.now()), 'setlist', actor.userId);
};

/** The leader offers chairs; every member offered must belong to the band (asked of auth when unknown). */
export const setPersonnel = async (
  deps: ContentDependencies,
  actor: GigActor & { readonly gigId: string },
  chairs: readonly ChairOffer[],
): Promise<Gig> => {
  await requireLeader(deps, actor.bandId, actor.userId);
  const gig = await existingGig(deps, actor.bandId, actor.gigId);
  const offered = [...new Set(chairs.map((c) => c.userId))];
  const members = await Promise.all(offered.map((userId) => knownMember(deps, actor.bandId, userId)));
  const strangers = offered.filter((_, i) => !members[i] || members[i]?.role === null);
  if (strangers.length > 0) {
    throw new BadRequestError(`Not members of band ${actor.bandId}: ${strangers.join(', ')}`);
  }
  const next = withPersonnel(gig, chairs, deps.now());
  return save(deps, next, 'personnel', actor.userId, membersAffected(gig, next));
};

/** The member accepts or declines what the gig offers them; 403 when nothing was offered to them. */
export const answerOffer = async (
  deps: ContentDependencies,
  actor: GigActor & { readonly gigId: string },
  accept: boolean,
): Promise<Gig> => {
  await requireMember(deps, actor.bandId, actor.userId);
  const gig = await existingGig(deps, actor.bandId, actor.gigId);
  const next = withAnswer(gig, actor.userId, accept, deps.now());
  if (!next) throw new ForbiddenError(`No chair of gig ${actor.gigId} was offered to you`);
  return save(deps, next, 'response', actor.userId, [actor.userId]);
};
