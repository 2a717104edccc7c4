import type { z } from 'zod';
import type { Role } from '../../../shared/contracts/bandVocabulary.ts';
import type { Identity } from '../../../shared/contracts/identity.ts';
import type {
  StatsMessage,
  SubscribedMessage,
  UnsubscribedMessage,
} from '../../../shared/contracts/websocket/syncMessages.ts';
import { ConflictError, ForbiddenError } from '../../../shared/runtime/index.ts';
import { preparedRole } from '../domain/channelStatements.ts';
import { onlineMembers } from '../domain/presence.ts';
import { CONNECTION_TTL_SECONDS } from '../domain/syncLimits.ts';
import { announcePresence } from './presenceNotice.ts';
import { epochSeconds, type SyncDependencies } from './SyncDependencies.ts';

interface ConnectionCaller {
  readonly connectionId: string;
  readonly identity: Identity;
}

/**
 * The caller's role in the band, checked now: from the channel prepared at sign-in (kept current by
 * membership events, never overwritten by an older statement), else from auth. The token's memberships are
 * not trusted here: they may be older.
 */
const currentRole = async (deps: SyncDependencies, userId: string, bandId: string): Promise<Role> => {
  const prepared = preparedRole(await deps.state.channelBand(userId, bandId), epochSeconds(deps.now()));
  const role = prepared ?? (await deps.memberships.roleOf(bandId, userId));
  if (!role) throw new ForbiddenError(`You are not a member of band ${bandId}`);
  return role;
};

/** `subscribe`: a member's connection joins the band's live channel. */
export const subscribe = async (
  deps: SyncDependencies,
  caller: ConnectionCaller,
  bandId: string,
): Promise<z.infer<typeof SubscribedMessage>> => {
  const { userId, instruments } = caller.identity;
  const role = await currentRole(deps, userId, bandId);
  const subscribed = await deps.connections.subscribe({
    connectionId: caller.connectionId,
    bandId,
    userId,
    role,
    instruments,
    expiresAt: epochSeconds(deps.now()) + CONNECTION_TTL_SECONDS,
  });
  if (!subscribed) throw new ConflictError('This connection is closing; connect again');
  await announcePresence(deps, bandId, userId, 'joined');
  const [lastSeq, subscriptions] = await Promise.all([
    deps.log.lastSeq(bandId),
    deps.connections.subscriptionsOfBand(bandId),
  ]);
  return { type: 'subscribed', bandId, role, lastSeq, online: onlineMembers(subscriptions) };
};

/** `unsubscribe`: idempotent; the band hears the member left when it was their last connection there. */
export const unsubscribe = async (
  deps: SyncDependencies,
  caller: ConnectionCaller,
  bandId: string,
): Promise<z.infer<typeof UnsubscribedMessage>> => {
  if (await deps.connections.unsubscribe(caller.connectionId, bandId)) {
    await announcePresence(deps, bandId, caller.identity.userId, 'left');
  }
  return { type: 'unsubscribed', bandId, reason: 'requested' };
};

/** `get_stats`: the connection's bands with their last sequence number and how many members are online. */
export const connectionStats = async (
  deps: SyncDependencies,
  caller: ConnectionCaller,
): Promise<z.infer<typeof StatsMessage>> => {
  const subscriptions = await deps.connections.subscriptionsOfConnection(caller.connectionId);
  const bands = await Promise.all(
    subscriptions.map(async (s) => {
      const [lastSeq, members] = await Promise.all([
        deps.log.lastSeq(s.bandId),
        deps.connections.subscriptionsOfBand(s.bandId),
      ]);
      return { bandId: s.bandId, role: s.role, lastSeq, online: onlineMembers(members).length };
    }),
  );
  return { type: 'stats', connectionId: caller.connectionId, userId: caller.identity.userId, bands };
};
