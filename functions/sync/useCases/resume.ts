import type { z } from 'zod';
import type { Identity } from '../../../shared/contracts/identity.ts';
import type {
  ResumedMessage,
  ResyncRequiredMessage,
} from '../../../shared/contracts/websocket/syncMessages.ts';
import { concerns } from '../domain/audience.ts';
import { planResume } from '../domain/resumePlan.ts';
import { MAX_REPLAY } from '../domain/syncLimits.ts';
import { subscribe } from './bandSubscriptions.ts';
import { epochSeconds, type SyncDependencies } from './SyncDependencies.ts';

/**
 * `resume {bandId, afterSeq}` after a reconnect: subscribes the new connection (membership checked, a
 * `subscribed` frame first), then pushes, in order, the logged messages after `afterSeq` that concern the
 * caller, and answers `resumed`; or answers `resync_required` when the log no longer holds all of them.
 * Live messages broadcast meanwhile may arrive between replayed ones: the client drops a `seq` it has seen.
 */
export const resume = async (
  deps: SyncDependencies,
  caller: { readonly connectionId: string; readonly identity: Identity },
  bandId: string,
  afterSeq: number,
): Promise<z.infer<typeof ResumedMessage> | z.infer<typeof ResyncRequiredMessage>> => {
  const existing = (await deps.connections.subscriptionsOfConnection(caller.connectionId)).find(
    (s) => s.bandId === bandId,
  );
  const subscriber =
    existing ??
    (await (async () => {
      const subscribed = await subscribe(deps, caller, bandId);
      await deps.pusher.send(caller.connectionId, subscribed);
      return {
        role: subscribed.role,
        userId: caller.identity.userId,
        instruments: caller.identity.instruments,
      };
    })());

  const lastSeq = await deps.log.lastSeq(bandId);
  const entries =
    afterSeq < lastSeq && lastSeq - afterSeq <= MAX_REPLAY
      ? await deps.log.entriesAfter(bandId, afterSeq, lastSeq - afterSeq)
      : [];
  const plan = planResume({
    afterSeq,
    lastSeq,
    entries,
    nowEpochSeconds: epochSeconds(deps.now()),
    maxReplay: MAX_REPLAY,
  });
  if (plan.kind === 'resync') {
    return { type: 'resync_required', bandId, lastSeq: plan.lastSeq, reason: plan.reason };
  }
  let replayed = 0;
  for (const entry of plan.entries) {
    if (!concerns(entry.audience, subscriber)) continue;
    if ((await deps.pusher.send(caller.connectionId, entry.message)) === 'gone') break;
    replayed++;
  }
  return { type: 'resumed', bandId, afterSeq, lastSeq: plan.lastSeq, replayed };
};
