import { EventPatternIndex } from '../../../shared/eventPatterns/index.ts';
import { SUBSCRIPTION_BATCH_SIZE } from '../../../shared/platformModel/modelConstants.ts';
import type { RuleModel } from '../../../shared/platformModel/PlatformModel.ts';
import {
  type DeadLetter,
  type DeadLetterStore,
  isAsyncInvocationQueue,
} from '../deadLetters/DeadLetterStore.ts';
import type { BusEvent } from '../shared/BusEvent.ts';
import type { InvokeFunction } from '../shared/InvocationResult.ts';
import { LOCAL_AWS_REGION } from '../shared/localNames.ts';
import type { PendingDelivery } from '../work/PendingWorkStore.ts';
import { ScheduledWork } from '../work/ScheduledWork.ts';
import type { DeliveryLog } from './DeliveryLog.ts';
import type { EventArchive } from './EventArchive.ts';
import type { RetryPolicy } from './RetryPolicy.ts';
import { type SerialisedEvent, serialiseEvent } from './serialisedEvent.ts';
import { failedMessageIds, subscriptionQueueRecord } from './subscriptionQueueMessage.ts';

/** Error type of a delivery whose subscriber reported its record in `batchItemFailures`. */
const BATCH_ITEM_FAILURE = 'Local.BatchItemFailure';

export interface EventRouterOptions {
  readonly rules: readonly RuleModel[];
  readonly invoke: InvokeFunction;
  readonly retryPolicy: RetryPolicy;
  readonly deadLetters: DeadLetterStore;
  readonly archive: EventArchive;
  /** Where settled deliveries are recorded, so a start after a crash knows what is still undelivered. */
  readonly deliveryLog?: DeliveryLog;
  /** Region of the local queue ARNs subscribers see. @default LOCAL_AWS_REGION */
  readonly region?: string;
}

interface Delivery {
  readonly rule: RuleModel;
  readonly event: BusEvent;
  /** When the bus received the event (real epoch ms): the age bound counts from here. */
  readonly receivedAt: number;
  /** 1 for the first delivery, 2 for the first retry... */
  readonly attempt: number;
  /** The event's text, shared by the journal and every rule's delivery of it (absent: made on delivery). */
  readonly serialised?: SerialisedEvent;
}

/** Error type of a resumed delivery whose rule is gone from the model. */
const RULE_REMOVED = 'Local.RuleRemoved';

/**
 * The local event bus: archives every event, matches it against the rules' patterns (compiled once, indexed
 * by source and detail-type so an event is tried only against the rules that can match it) and
 * delivers it asynchronously, at least once, to the rule's function in the shape AWS's subscription queue
 * delivers it (an SQS batch of one record whose body is the event) — a thrown error or a reported
 * `batchItemFailures` entry is a failure, retried with backoff up to the rule's `maxRetries` (AWS: the
 * queue's `maxReceiveCount` = maxRetries + 1), then dead-lettered per rule; redriving or replaying on request,
 * and handing back on stop whatever it could not deliver yet, so that the next start resumes it.
 */
export class EventRouter {
  /** The rules' patterns; it answers matches in the model's order, which deliveries are scheduled in. */
  private readonly index: EventPatternIndex<RuleModel>;
  private readonly rulesById: ReadonlyMap<string, RuleModel>;
  /** Each item is one invocation's batch: one delivery, or up to 10 a rule's batching window gathered. */
  private readonly work = new ScheduledWork<Delivery[]>((batch) => this.attempt(batch));
  /** Per rule with a batching window: the batch gathering deliveries now (scheduled, waiting its window). */
  private readonly gathering = new Map<string, Delivery[]>();

  constructor(private readonly options: EventRouterOptions) {
    this.index = new EventPatternIndex(options.rules.map((rule) => ({ pattern: rule.pattern, value: rule })));
    this.rulesById = new Map(options.rules.map((rule) => [rule.id, rule]));
  }

  /**
   * Accepts events from PutEvents: archived and routed at once (deliveries start in the background); the
   * promise resolves once the archive holds them durably — only then may PutEvents acknowledge them.
   */
  put(events: readonly BusEvent[], receivedAt = Date.now()): Promise<void> {
    const serialised = events.map(serialiseEvent);
    const durable = this.options.archive.append(
      events,
      receivedAt,
      serialised.map((s) => s.json),
    );
    events.forEach((event, i) => {
      this.route(event, receivedAt, serialised[i]);
    });
    return durable;
  }

  /**
   * Delivers, after a crash, the archived events received after the mark `since` (see {@link DeliveryLog})
   * to every rule whose delivery is not settled: what the bus had acknowledged is never lost. Returns the
   * number of deliveries scheduled.
   */
  recoverUndelivered(since: string | null): number {
    let scheduled = 0;
    for (const { event, receivedAt } of this.options.archive.after(since)) {
      for (const rule of this.index.matching(event)) {
        if (this.options.deliveryLog?.isSettled(event.id, rule.id)) continue;
        this.work.schedule([{ rule, event, receivedAt, attempt: 1 }]);
        scheduled++;
      }
    }
    return scheduled;
  }

  /** The rules whose pattern matches an event. */
  matchingRules(event: BusEvent): RuleModel[] {
    return this.index.matching(event);
  }

  /** Delivers a rule's dead letters again (all rules' when no rule is given); returns what was redriven. */
  redrive(ruleId?: string): DeadLetter[] {
    if (ruleId !== undefined && isAsyncInvocationQueue(ruleId)) return [];
    const letters = this.options.deadLetters.take(ruleId, (l) => !isAsyncInvocationQueue(l.ruleId));
    const now = Date.now();
    for (const letter of letters) {
      const rule = this.rulesById.get(letter.ruleId);
      // A letter of a rule that no longer exists goes back: nothing could receive it.
      if (!rule) {
        this.options.deadLetters.add(letter);
        continue;
      }
      // A rule's letters always hold the bus event they failed to deliver.
      this.work.schedule([{ rule, event: letter.event as BusEvent, receivedAt: now, attempt: 1 }]);
    }
    return letters;
  }

  /** Re-sends the archived events received in `[from, to]` to the rules matching them now. */
  replay(from: number, to: number, replayName: string): number {
    const window = this.options.archive.between(from, to);
    const now = Date.now();
    for (const { event } of window) this.route({ ...event, 'replay-name': replayName }, now);
    return window.length;
  }

  /** Schedules the deliveries a previous stop left undone (but those settled since, before a crash). */
  resume(pending: readonly PendingDelivery[]): void {
    for (const delivery of pending) {
      if (this.options.deliveryLog?.isSettled(delivery.event.id, delivery.ruleId)) continue;
      const rule = this.rulesById.get(delivery.ruleId);
      if (rule) {
        this.work.schedule([{ ...delivery, rule }]);
        continue;
      }
      // Not dropped in silence: the dead letter shows it, and a redrive once the rule is back delivers it.
      this.options.deadLetters.add({
        ruleId: delivery.ruleId,
        functionId: 'unknown',
        event: delivery.event,
        errorType: RULE_REMOVED,
        errorMessage: `Rule ${delivery.ruleId} is no longer in the model`,
        exhaustedRetryCondition: 'MaximumRetryAttempts',
        retryAttempts: delivery.attempt - 1,
      });
    }
  }

  /** Invocations (a batch of deliveries each) running or waiting for their time, a window or a retry. */
  get pendingCount(): number {
    return this.work.pending;
  }

  /** Invocations whose subscriber runs now (the others of {@link pendingCount} wait for their time). */
  get runningCount(): number {
    return this.work.runningCount;
  }

  /** Resolves when no delivery is running or waiting for a retry (tests and benches use it). */
  idle(): Promise<void> {
    return this.work.idle();
  }

  /**
   * Stops delivering: what waits (first deliveries, retries) stops at once, running deliveries get up to
   * `drainMs` to finish; resolves to every delivery left undone (events put meanwhile included), for
   * {@link resume} at the next start.
   */
  async stop(drainMs = 0): Promise<PendingDelivery[]> {
    this.gathering.clear();
    const undone = (await this.work.stop(drainMs)).flat();
    return undone.map(({ rule, event, receivedAt, attempt }) => ({
      ruleId: rule.id,
      event,
      receivedAt,
      attempt,
    }));
  }

  private route(event: BusEvent, receivedAt: number, serialised?: SerialisedEvent): void {
    for (const rule of this.index.matching(event)) {
      this.enqueue({ rule, event, receivedAt, attempt: 1, ...(serialised ? { serialised } : {}) });
    }
  }

  /**
   * A first delivery: at once, or — for a rule with a batching window — into the batch its queue is gathering,
   * invoked when the window ends with up to {@link SUBSCRIPTION_BATCH_SIZE} records (a full batch closes, the
   * next delivery opens another), as Lambda's event source mapping does with MaximumBatchingWindowInSeconds.
   */
  private enqueue(delivery: Delivery): void {
    const windowMs = (delivery.rule.batchingWindowSeconds ?? 0) * 1000;
    if (windowMs === 0) {
      this.work.schedule([delivery]);
      return;
    }
    const open = this.gathering.get(delivery.rule.id);
    if (open) {
      open.push(delivery);
      if (open.length >= SUBSCRIPTION_BATCH_SIZE) this.gathering.delete(delivery.rule.id);
      return;
    }
    const batch = [delivery];
    // Once stopping the batch is set aside at once, never to be gathered into.
    if (this.work.accepting) this.gathering.set(delivery.rule.id, batch);
    this.work.schedule(batch, windowMs);
  }

  private async attempt(batch: Delivery[]): Promise<void> {
    const [first] = batch;
    if (!first) return;
    // Invoked now: what arrives for the rule from here on gathers into a batch of its own.
    if (this.gathering.get(first.rule.id) === batch) this.gathering.delete(first.rule.id);
    const region = this.options.region ?? LOCAL_AWS_REGION;
    const sent = batch.map((delivery) => ({
      delivery,
      record: subscriptionQueueRecord({
        rule: delivery.rule,
        event: delivery.event,
        attempt: delivery.attempt,
        receivedAt: delivery.receivedAt,
        region,
        ...(delivery.serialised ? { serialised: delivery.serialised } : {}),
      }),
    }));
    const invoked = await this.options.invoke(first.rule.functionId, {
      Records: sent.map(({ record }) => record),
    });
    const reported = new Set(invoked.ok ? failedMessageIds(invoked.result) : []);
    for (const { delivery, record } of sent) {
      const messageId = record.messageId;
      if (invoked.ok && !reported.has(messageId)) {
        this.options.deliveryLog?.settle(delivery.event.id, delivery.rule.id);
        continue;
      }
      this.failed(
        delivery,
        invoked.ok
          ? {
              errorType: BATCH_ITEM_FAILURE,
              errorMessage: `The subscriber reported message ${messageId} as failed (batchItemFailures)`,
            }
          : invoked,
      );
    }
  }

  /** A record that failed: retried (on its own) with backoff, set aside when stopping, else dead-lettered. */
  private failed(delivery: Delivery, result: { errorType: string; errorMessage: string }): void {
    // Failed because the platform is stopping (or during the drain): kept for the next start, not retried.
    if (!this.work.accepting) {
      this.work.setAside([delivery]);
      return;
    }
    // In AWS the rule's age bound covers putting the event on the queue, which cannot fail here; handler
    // failures are bounded by receives only (the queue keeps a message 14 days), so no age bound applies.
    const decision = this.options.retryPolicy.decide(
      { maxRetries: delivery.rule.maxRetries, maxEventAgeSeconds: Number.POSITIVE_INFINITY },
      delivery.attempt,
      Date.now() - delivery.receivedAt,
    );
    if (decision.retry) {
      this.work.schedule([{ ...delivery, attempt: delivery.attempt + 1 }], decision.delayMs);
      return;
    }
    this.options.deadLetters.add({
      ruleId: delivery.rule.id,
      functionId: delivery.rule.functionId,
      event: delivery.event,
      errorType: result.errorType,
      errorMessage: result.errorMessage,
      exhaustedRetryCondition: decision.condition,
      retryAttempts: delivery.attempt - 1,
    });
    // Kept by the dead-letter store now, whence a redrive delivers it.
    this.options.deliveryLog?.settle(delivery.event.id, delivery.rule.id);
  }
}
