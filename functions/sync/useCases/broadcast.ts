import type { BandLogMessage } from '../../../shared/contracts/websocket/syncMessages.ts';
import type { BroadcastResult } from '../../../shared/runtime/index.ts';
import { concerns } from '../domain/audience.ts';
import type { BandMessagePlan } from '../domain/bandMessages.ts';
import type { Subscription } from '../domain/liveRecords.ts';
import { BROADCAST_CONCURRENCY, PUSH_RETRIES, ROOM_PAGE_SIZE } from '../domain/syncLimits.ts';
import { closeConnection } from './connections.ts';
import { epochSeconds, type SyncDependencies } from './SyncDependencies.ts';

/** What a broadcast achieved; `failed` connections catch up by resuming. */
export interface BroadcastOutcome {
  readonly seq: number;
  /** False when the event had been relayed before (a retry): the message went out again under its number. */
  readonly fresh: boolean;
  readonly recipients: number;
  readonly delivered: number;
  readonly gone: number;
  readonly failed: number;
}

/**
 * The subscriptions a message may concern, a page at a time: for a per-user message (a dashboard widget) its
 * users' own, read through the `byUser` index — a band's members each get theirs on a file change, and each
 * reading the whole band's subscriptions made that quadratic in the band's size; for the others the band's
 * room, in pages of {@link ROOM_PAGE_SIZE}.
 */
async function* audiencePages(deps: SyncDependencies, plan: BandMessagePlan): AsyncIterable<Subscription[]> {
  const { audience } = plan;
  if (audience.kind !== 'users') {
    yield* deps.connections.subscriptionPagesOfBand(plan.bandId, ROOM_PAGE_SIZE);
    return;
  }
  const perUser = await Promise.all(
    audience.userIds.map((userId) => deps.connections.subscriptionsOfUserInBand(userId, plan.bandId)),
  );
  yield perUser.flat();
}

/** Waits before retrying pushes API Gateway throttled or failed on (a little longer each attempt). */
const backoff = (attempt: number): Promise<void> => new Promise((r) => setTimeout(r, 50 * 2 ** attempt));

/**
 * Sends the band message event `eventId` became to the band's connected members it concerns: gives it the
 * band's next sequence number and logs it in one write (before any push, so a client told `seq` can always
 * get it back), pushes with bounded concurrency, retries pushes that failed for a retryable reason, and
 * prunes connections API Gateway reports gone (410). The same event relayed again keeps its number and is
 * pushed again under it: a client that had it drops a `seq` it has seen.
 */
export const broadcastBandMessage = async (
  deps: SyncDependencies,
  plan: BandMessagePlan,
  eventId: string,
): Promise<BroadcastOutcome> => {
  const expiresAt = epochSeconds(deps.now()) + deps.logWindowSeconds;
  const { seq, fresh } = await deps.log.appendOnce(plan.bandId, eventId, (next) => ({
    bandId: plan.bandId,
    seq: next,
    message: { ...plan.message, seq: next } as BandLogMessage,
    audience: plan.audience,
    expiresAt,
  }));
  const message = { ...plan.message, seq } as BandLogMessage;
  let recipients = 0;
  let delivered = 0;
  let failed = 0;
  const gone: string[] = [];
  let retryable: string[] = [];
  const tally = (result: BroadcastResult): void => {
    delivered += result.sent.length;
    gone.push(...result.gone);
    for (const { connectionId, error } of result.failed) {
      if (error.retryable) retryable.push(connectionId);
      else failed += 1;
    }
  };
  // The audience is read once the number is taken: a member whose subscribe read the counter before it
  // moved is already in the index, and one who read it after knows the message predates them. Each page is
  // pushed while the next one is read.
  const pages = audiencePages(deps, plan)[Symbol.asyncIterator]();
  let next = pages.next();
  for (;;) {
    const page = await next;
    if (page.done) break;
    next = pages.next();
    // A failed push of this page must not leave the read of the next one rejected and unobserved.
    next.catch(() => undefined);
    const ids = page.value.filter((s) => concerns(plan.audience, s)).map((s) => s.connectionId);
    recipients += ids.length;
    if (ids.length > 0)
      tally(await deps.pusher.broadcast(ids, message, { concurrency: BROADCAST_CONCURRENCY }));
  }
  for (let attempt = 0; retryable.length > 0; attempt++) {
    if (attempt >= PUSH_RETRIES) {
      failed += retryable.length;
      break;
    }
    await backoff(attempt);
    const pending = retryable;
    retryable = [];
    tally(await deps.pusher.broadcast(pending, message, { concurrency: BROADCAST_CONCURRENCY }));
  }
  for (const connectionId of gone) await closeConnection(deps, connectionId);
  return { seq, fresh, recipients, delivered, gone: gone.length, failed };
};
