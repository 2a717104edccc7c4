import type { Identity } from '../../../shared/contracts/identity.ts';
import { CONNECTION_TTL_SECONDS } from '../domain/syncLimits.ts';
import { announcePresence } from './presenceNotice.ts';
import { epochSeconds, type SyncDependencies } from './SyncDependencies.ts';

/** `$connect` (already authorized): records the connection for its 2-hour life. */
export const openConnection = async (
  deps: SyncDependencies,
  input: { readonly connectionId: string; readonly identity: Identity },
): Promise<void> => {
  const now = deps.now();
  await deps.connections.putConnection({
    connectionId: input.connectionId,
    userId: input.identity.userId,
    instruments: input.identity.instruments,
    connectedAt: now.toISOString(),
    expiresAt: epochSeconds(now) + CONNECTION_TTL_SECONDS,
  });
};

/**
 * Forgets a connection — closed by its client, by API Gateway, or found gone (410) by a push — and tells its
 * bands when its user is no longer online there.
 */
export const closeConnection = async (deps: SyncDependencies, connectionId: string): Promise<void> => {
  const subscriptions = await deps.connections.deleteConnection(connectionId);
  for (const s of subscriptions) await announcePresence(deps, s.bandId, s.userId, 'left');
};
