import { randomUUID } from 'node:crypto';
import type { Role } from '../../../shared/contracts/bandVocabulary.ts';
import type { Identity } from '../../../shared/contracts/identity.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../shared/runtime/index.ts';
import { INVITATION_TTL_SECONDS, MAX_BAND_MEMBERS } from '../domain/authConstants.ts';
import { planRemoval, planRoleChange } from '../domain/bandLeadership.ts';
import { normalizeEmail } from '../domain/email.ts';
import { ConcurrentChangeError } from '../store/storeErrors.ts';
import type { AuthDependencies } from './AuthDependencies.ts';

/**
 * The caller's role in a band as the store has it now. The authorizer already checked the token, but a
 * token lives 15 minutes: a removed member or demoted leader must lose access at once for writes and reads.
 */
export const requireCurrentRole = async (
  deps: AuthDependencies,
  bandId: string,
  userId: string,
  needed: Role,
): Promise<Role> => {
  const membership = await deps.bands.getMembership(bandId, userId);
  if (!membership) throw new ForbiddenError(`You are not a member of band ${bandId}`);
  if (needed === 'leader' && membership.role !== 'leader') {
    throw new ForbiddenError(`Only a leader of band ${bandId} can do this`);
  }
  return membership.role;
};

/** `POST /api/auth/bands`: creates a band led by its creator, with a fresh access token that shows it. */
export const createBand = async (
  deps: AuthDependencies,
  identity: Identity,
  name: string,
  correlationId?: string,
) => {
  const now = deps.now().toISOString();
  const bandId = randomUUID();
  const band = await deps.bands.createBand(
    { bandId, name, createdBy: identity.userId, createdAt: now },
    { bandId, userId: identity.userId, role: 'leader', joinedAt: now },
  );
  await deps.publisher.publish(
    'auth.permission_updated',
    {
      bandId,
      userId: identity.userId,
      change: 'granted',
      role: 'leader',
      previousRole: null,
      changedBy: identity.userId,
    },
    { bandId, correlationId },
  );
  // The index of memberships by user may lag a write: add the new band to what it returns.
  const user = await deps.users.getUser(identity.userId);
  const memberships = (await deps.bands.listMembershipsOfUser(identity.userId))
    .filter((m) => m.bandId !== bandId)
    .map((m) => ({ bandId: m.bandId, role: m.role }));
  memberships.push({ bandId, role: 'leader' });
  const access = await deps.tokens.issue({
    userId: identity.userId,
    email: user?.email ?? identity.email,
    name: user?.name ?? identity.name,
    instruments: [...(user?.instruments ?? identity.instruments)],
    memberships,
  });
  return {
    band: { bandId: band.bandId, name: band.name, createdBy: band.createdBy, createdAt: band.createdAt },
    accessToken: access.token,
    tokenType: 'Bearer' as const,
    expiresIn: access.expiresIn,
  };
};

/** Members of a band with their profiles: for `GET .../members` and the `listBandMembers` operation. */
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

/** `POST .../invitations`: invites an email with a role; granted when that person next signs in. */
export const inviteMember = async (
  deps: AuthDependencies,
  input: { bandId: string; email: string; role: Role; invitedBy: string },
) => {
  if (!(await deps.bands.getBand(input.bandId))) throw new NotFoundError(`No band ${input.bandId}`);
  const members = await deps.bands.listMembers(input.bandId);
  if (members.length >= MAX_BAND_MEMBERS)
    throw new ConflictError(`A band has at most ${MAX_BAND_MEMBERS} members`);
  const email = normalizeEmail(input.email);
  const now = deps.now();
  const invitation = {
    email,
    bandId: input.bandId,
    role: input.role,
    invitedBy: input.invitedBy,
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

/** `PATCH .../members/{userId}`: changes a member's role; the last leader cannot be demoted. */
export const changeMemberRole = async (
  deps: AuthDependencies,
  input: { bandId: string; userId: string; role: Role; changedBy: string; correlationId?: string },
) => {
  const plan = planRoleChange(await deps.bands.listMembers(input.bandId), input.userId, input.role);
  if (plan.kind === 'not_member')
    throw new NotFoundError(`User ${input.userId} is not a member of this band`);
  if (plan.kind === 'last_leader') throw new ConflictError(LAST_LEADER);
  if (plan.kind === 'change') {
    try {
      await deps.bands.changeRole(input.bandId, input.userId, plan.previousRole, plan.role);
    } catch (error) {
      if (error instanceof ConcurrentChangeError) throw new ConflictError(`${LAST_LEADER}, or retry`);
      throw error;
    }
    await deps.publisher.publish(
      'auth.permission_updated',
      {
        bandId: input.bandId,
        userId: input.userId,
        change: 'role_changed',
        role: plan.role,
        previousRole: plan.previousRole,
        changedBy: input.changedBy,
      },
      { bandId: input.bandId, correlationId: input.correlationId },
    );
  }
  return { member: { bandId: input.bandId, userId: input.userId, role: input.role } };
};

/** `DELETE .../members/{userId}`: removes a member; the last leader cannot be removed. */
export const removeMember = async (
  deps: AuthDependencies,
  input: { bandId: string; userId: string; removedBy: string; correlationId?: string },
): Promise<void> => {
  const plan = planRemoval(await deps.bands.listMembers(input.bandId), input.userId);
  if (plan.kind === 'not_member')
    throw new NotFoundError(`User ${input.userId} is not a member of this band`);
  if (plan.kind === 'last_leader') throw new ConflictError(LAST_LEADER);
  try {
    await deps.bands.removeMember(input.bandId, input.userId, plan.previousRole);
  } catch (error) {
    if (error instanceof ConcurrentChangeError) throw new ConflictError(`${LAST_LEADER}, or retry`);
    throw error;
  }
  await deps.publisher.publish(
    'auth.permission_updated',
    {
      bandId: input.bandId,
      userId: input.userId,
      change: 'revoked',
      role: null,
      previousRole: plan.previousRole,
      changedBy: input.removedBy,
    },
    { bandId: input.bandId, correlationId: input.correlationId },
  );
};
