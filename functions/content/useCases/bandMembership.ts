import { ForbiddenError } from '../../../shared/runtime/index.ts';
import type { BandMember } from '../store/MemberStore.ts';
import type { ContentDependencies } from './ContentDependencies.ts';

/**
 * The caller as a member of the band, checked against content's own member table (fed by auth's events) so a
 * removed member loses access at once, whatever their token still says. A user content has not heard of yet is
 * asked of auth (and remembered); a non-member is refused (403).
 */
export const requireMember = async (
  deps: ContentDependencies,
  bandId: string,
  userId: string,
): Promise<BandMember> => {
  const member = await knownMember(deps, bandId, userId);
  if (!member || member.role === null) throw new ForbiddenError(`You are not a member of band ${bandId}`);
  return member;
};

/** The caller as a leader of the band; 403 for a member or a stranger. */
export const requireLeader = async (
  deps: ContentDependencies,
  bandId: string,
  userId: string,
): Promise<BandMember> => {
  const member = await requireMember(deps, bandId, userId);
  if (member.role !== 'leader') throw new ForbiddenError(`Only a leader of band ${bandId} can do this`);
  return member;
};

/** What content knows of the user in the band, asking auth when it knows nothing; null role when not a member. */
export const knownMember = async (
  deps: ContentDependencies,
  bandId: string,
  userId: string,
): Promise<BandMember | null> => {
  const stored = await deps.members.member(bandId, userId);
  if (stored) return stored;
  const { role, instruments } = await deps.directory.membership(bandId, userId);
  const member: BandMember = { bandId, userId, role, instruments, asOf: deps.now().toISOString() };
  await deps.members.save(member);
  return member;
};
