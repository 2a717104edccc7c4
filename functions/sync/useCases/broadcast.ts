import type { BandLogMessage } from '../../../shared/contracts/websocket/syncMessages.ts';
import { concerns } from '../domain/audience.ts';
import type { BandMessagePlan } from '../domain/bandMessages.ts';
import { BROADCAST_CONCURRENCY, PUSH_RETRIES } from '../domain/syncLimits.ts';
import { closeConnection } from './connections.ts';
import { epochSeconds, type SyncDependencies } from './SyncDependencies.ts';

/** What a broadcast achieved; `failed` connections catch up by resuming. */
export interface BroadcastOutcome {
  readonly seq: number;
  readonly recipients: number;
  readonly delivered: number;
  readonly gone: number;
  readonly failed: number;
}

/** Waits before retrying pushes API Gateway throttled or failed on (a little longer each attempt). */
const backoff = (attempt: number): Promise<void> => new Promise((r) => setTimeout(r, 50 * 2 ** attempt));

/**
 * Sends a band message to the band's connected members it concerns: takes the band's next sequence number,
 * logs the message for resume (before any push, so a client told `seq` can always get it back), pushes with
 * bounded concurrency, retries pushes that failed for a retryable reason, and prunes connections API
 * Gateway reports gone (410).
 */
export const broadcastBandMessage = async (
  deps: SyncDependencies,
  plan: BandMessagePlan,
): Promise<BroadcastOutcome> => {
  const seq = await deps.log.nextSeq(plan.bandId);
  const message = { ...plan.message, seq } as BandLogMessage;
  // The audience is read once the sequence number is taken, and while the message is logged: no
  // push starts before the log holds it, and the broadcast waits for one storage round trip less.
  const [, subscriptions] = await Promise.all([
    deps.log.append({
      bandId: plan.bandId,
      seq,
      message,
      audience: plan.audience,
      expiresAt: epochSeconds(deps.now()) + deps.logWindowSeconds,
    }),
    deps.connections.subscriptionsOfBand(plan.bandId),
  ]);
  const recipients = subscriptions.filter((s) => concerns(plan.audience, s)).map((s) => s.connectionId);
  let pending = recipients;
  let delivered = 0;
  let failed = 0;
  const gone: string[] = [];
  for (let attempt = 0; pending.length > 0; attempt++) {
    const result = await deps.pusher.broadcast(pending, message, { concurrency: BROADCAST_CONCURRENCY });
    delivered += result.sent.length;
    gone.push(...result.gone);
    const retryable = result.failed.filter((f) => f.error.retryable).map((f) => f.connectionId);
    failed += result.failed.length - retryable.length;
    if (attempt >= PUSH_RETRIES) {
      failed += retryable.length;
      break;
    }
    pending = retryable;
    if (pending.length > 0) await backoff(attempt);
  }
  for (const connectionId of gone) await closeConnection(deps, connectionId);
  return { seq, recipients: recipients.length, delivered, gone: gone.length, failed };
};
