import type { Role } from '../../../shared/contracts/bandVocabulary.ts';
import type { Identity } from '../../../shared/contracts/identity.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../shared/runtime/index.ts';
import { INVITATION_TTL_SECONDS, MAX_BAND_MEMBERS } from '../domain/authConstants.ts';
import { planRemoval, planRoleChange } from '../domain/bandLeadership.ts';
import { normalizeEmail } from '../domain/email.ts';
import { ConcurrentChangeError } from '../store/storeErrors.ts';
import type { AuthDependencies } from './AuthDependencies.ts';
import { requireCurrentRole } from './bandAccessGuard.ts';

/** Members of a band with their profiles (no access check: callers check first). */
export const listBandMembers = async (deps: AuthDependencies, bandId: string) => {
  const memberships = await deps.bands.listMembers(bandId);
  const users = new Map(
    (await deps.users.getUsers(memberships.map((m) => m.userId))).map((u) => [u.userId, u]),
  );
  return memberships.flatMap((m) => {
    const user = users.get(m.userId);
    return user
      ? [
          {
            userId: user.userId,
            email: user.email,
            name: user.name,
            instruments: [...user.instruments],
            role: m.role,
          },
        ]
      : [];
  });
};

/**
 * `user_service.listBandMembers`: another module asks on behalf of a user, and that user must be a member of the
 * band now (the store, not a token, decides) — a declared caller is not enough to read a band's roster.
 */
export const listMembersFor = async (deps: AuthDependencies, actingUserId: string, bandId: string) => {
  const membership = await deps.bands.getMembership(bandId, actingUserId);
  if (!membership) throw new ForbiddenError(`User ${actingUserId} is not a member of band ${bandId}`);
  return { members: await listBandMembers(deps, bandId) };
};

/** `GET .../members`: the members of a band, for its current members only. */
export const listMembersAs = async (deps: AuthDependencies, actor: Identity, bandId: string) => {
  await requireCurrentRole(deps, actor, bandId, 'member');
  return { members: await listBandMembers(deps, bandId) };
};

/** `POST .../invitations`: a leader invites an email with a role; granted when that person next signs in. */
export const inviteMember = async (
  deps: AuthDependencies,
  actor: Identity,
  input: { bandId: string; email: string; role: Role },
) => {
  await requireCurrentRole(deps, actor, input.bandId, 'leader');
  const band = await deps.bands.getBand(input.bandId);
  if (!band) throw new NotFoundError(`No band ${input.bandId}`);
  // Also checked when the invitation is accepted (the count may grow meanwhile); refusing early is kinder.
  const members = await deps.bands.listMembers(input.bandId);
  if (members.length >= MAX_BAND_MEMBERS)
    throw new ConflictError(`A band has at most ${MAX_BAND_MEMBERS} members`);
  const email = normalizeEmail(input.email);
  const now = deps.now();
  const invitation = {
    email,
    bandId: input.bandId,
    role: input.role,
    invitedBy: actor.userId,
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + INVITATION_TTL_SECONDS,
  };
  await deps.invitations.putInvitation(invitation);
  return {
    invitation: {
      email,
      bandId: input.bandId,
      role: input.role,
      expiresAt: new Date(invitation.expiresAt * 1000).toISOString(),
    },
  };
};

const LAST_LEADER = 'A band always keeps at least one leader: promote another member first';

/**
 * `PATCH .../members/{userId}`: a leader changes a member's role; the last leader cannot be demoted. The
 * change and its `auth.permission_updated` commit together.
 */
export const changeMemberRole = async (
  deps: AuthDependencies,
  actor: Identity,
  input: { bandId: string; userId: string; role: Role; correlationId?: string },
) => {
  await requireCurrentRole(deps, actor, input.bandId, 'leader');
  const plan = planRoleChange(await deps.bands.listMembers(input.bandId), input.userId, input.role);
  if (plan.kind === 'not_member')
    throw new NotFoundError(`User ${input.userId} is not a member of this band`);
  if (plan.kind === 'last_leader') throw new ConflictError(LAST_LEADER);
  if (plan.kind === 'change') {
    const changed = {
      name: 'auth.permission_updated',
      data: {
        bandId: input.bandId,
        userId: input.userId,
        change: 'role_changed',
        role: plan.role,
        previousRole: plan.previousRole,
        changedBy: actor.userId,
      },
      options: { bandId: input.bandId, correlationId: input.correlationId },
    } as const;
    try {
      await deps.outbox.commit([changed], (events) =>
        deps.bands.changeRole(input.bandId, input.userId, plan.previousRole, plan.role, events),
      );
    } catch (error) {
      if (error instanceof ConcurrentChangeError) throw new ConflictError(`${LAST_LEADER}, or retry`);
      throw error;
    }
  }
  return { member: { bandId: input.bandId, userId: input.userId, role: input.role } };
};

/**
 * `DELETE .../members/{userId}`: a leader removes a member; the last leader cannot be removed. The removal
 * and its `auth.permission_updated` (revoked) commit together.
 */
export const removeMember = async (
  deps: AuthDependencies,
  actor: Identity,
  input: { bandId: string; userId: string; correlationId?: string },
): Promise<void> => {
  await requireCurrentRole(deps, actor, input.bandId, 'leader');
  const plan = planRemoval(await deps.bands.listMembers(input.bandId), input.userId);
  if (plan.kind === 'not_member')
    throw new NotFoundError(`User ${input.userId} is not a member of this band`);
  if (plan.kind === 'last_leader') throw new ConflictError(LAST_LEADER);
  const revoked = {
    name: 'auth.permission_updated',
    data: {
      bandId: input.bandId,
      userId: input.userId,
      change: 'revoked',
      role: null,
      previousRole: plan.previousRole,
      changedBy: actor.userId,
    },
    options: { bandId: input.bandId, correlationId: input.correlationId },
  } as const;
  try {
    await deps.outbox.commit([revoked], (events) =>
      deps.bands.removeMember(input.bandId, input.userId, plan.previousRole, events),
    );
  } catch (error) {
    if (error instanceof ConcurrentChangeError) throw new ConflictError(`${LAST_LEADER}, or retry`);
    throw error;
  }
};
