import type { z } from 'zod';
import type { Role } from '../../../shared/contracts/bandVocabulary.ts';
import type { Identity } from '../../../shared/contracts/identity.ts';
import type {
  StatsMessage,
  SubscribedMessage,
  UnsubscribedMessage,
} from '../../../shared/contracts/websocket/syncMessages.ts';
import { ConflictError, ForbiddenError } from '../../../shared/runtime/index.ts';
import { preparedRole, revokedSince } from '../domain/channelStatements.ts';
import type { ChannelBand } from '../domain/liveRecords.ts';
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
 * not trusted here: they may be older. Answers the prepared entry it saw too, for the re-check.
 */
const currentRole = async (
  deps: SyncDependencies,
  userId: string,
  bandId: string,
): Promise<{ role: Role; seen: ChannelBand | undefined }> => {
  const seen = await deps.state.channelBand(userId, bandId);
  const role =
    preparedRole(seen, epochSeconds(deps.now())) ?? (await deps.memberships.roleOf(bandId, userId));
  if (!role) throw new ForbiddenError(`You are not a member of band ${bandId}`);
  return { role, seen };
};

/**
 * `subscribe`: a member's connection joins the band's live channel. A revocation handled while the
 * subscription was being written would miss it (its handler lists the user's subscriptions once), so the
 * prepared entry is read again once the subscription exists — alongside the reads the answer needs anyway —
 * and a newer revocation takes the subscription back.
 */
export const subscribe = async (
  deps: SyncDependencies,
  caller: ConnectionCaller,
  bandId: string,
): Promise<z.infer<typeof SubscribedMessage>> => {
  const { userId, instruments } = caller.identity;
  const { role, seen } = await currentRole(deps, userId, bandId);
  const subscribed = await deps.connections.subscribe({
    connectionId: caller.connectionId,
    bandId,
    userId,
    role,
    instruments,
    expiresAt: epochSeconds(deps.now()) + CONNECTION_TTL_SECONDS,
  });
  if (!subscribed) throw new ConflictError('This connection is closing; connect again');
  const [lastSeq, subscriptions, now] = await Promise.all([
    deps.log.lastSeq(bandId),
    deps.connections.subscriptionsOfBand(bandId),
    deps.state.channelBand(userId, bandId),
  ]);
  if (revokedSince(seen, now)) {
    await deps.connections.unsubscribe(caller.connectionId, bandId);
    throw new ForbiddenError(`You are not a member of band ${bandId}`);
  }
  await announcePresence(deps, bandId, userId, 'joined');
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
