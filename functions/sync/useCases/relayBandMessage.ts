import type { EventData } from '../../../shared/contracts/eventCatalog.ts';
import type { BandMessagePlan } from '../domain/bandMessages.ts';
import { type BroadcastOutcome, broadcastBandMessage } from './broadcast.ts';
import type { SyncDependencies } from './SyncDependencies.ts';

/** A relayed band message: how its broadcast went, and the announcement a file message makes of it. */
export interface RelayOutcome {
  readonly outcome: BroadcastOutcome;
  /** `sync.file_updated` with the delivery counts, for a file message; null for the others. */
  readonly announcement: EventData<'sync.file_updated'> | null;
}

/**
 * A content, gig or dashboard event's band message, broadcast (see {@link broadcastBandMessage}); a file
 * message is then announced with what the fan-out achieved, counts that exist only once it is done.
 */
export const relayBandMessage = async (
  deps: SyncDependencies,
  plan: BandMessagePlan,
  eventId: string,
): Promise<RelayOutcome> => {
  const outcome = await broadcastBandMessage(deps, plan, eventId);
  const announcement =
    plan.fileId !== null && plan.message.type === 'file_updated'
      ? {
          bandId: plan.bandId,
          fileId: plan.fileId,
          sequence: outcome.seq,
          recipients: outcome.recipients,
          delivered: outcome.delivered,
          gone: outcome.gone,
          failed: outcome.failed,
          action: plan.message.action,
        }
      : null;
  return { outcome, announcement };
};
