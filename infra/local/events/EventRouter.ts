import { compileEventPattern, type EventPatternMatcher } from '../../../shared/eventPatterns/index.ts';
import type { RuleModel } from '../../../shared/platformModel/PlatformModel.ts';
import type { InvokeFunction } from '../functions/InvocationResult.ts';
import type { BusEvent } from './BusEvent.ts';
import type { DeadLetter, DeadLetterStore } from './DeadLetterStore.ts';
import type { EventArchive } from './EventArchive.ts';
import type { RetryPolicy } from './RetryPolicy.ts';

export interface EventRouterOptions {
  readonly rules: readonly RuleModel[];
  readonly invoke: InvokeFunction;
  readonly retryPolicy: RetryPolicy;
  readonly deadLetters: DeadLetterStore;
  readonly archive: EventArchive;
}

interface CompiledRule {
  readonly rule: RuleModel;
  readonly matches: EventPatternMatcher;
}

interface Delivery {
  readonly rule: RuleModel;
  readonly event: BusEvent;
  /** When the bus received the event (real epoch ms): the age bound counts from here. */
  readonly receivedAt: number;
}

/**
 * The local event bus: archives every event, matches it against every rule's pattern (compiled once) and
 * delivers it asynchronously, at least once, to the rule's function — retrying with EventBridge's policy,
 * dead-lettering what still fails, and redriving or replaying on request.
 */
export class EventRouter {
  private readonly rules: CompiledRule[];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly immediates = new Set<NodeJS.Immediate>();
  private active = 0;
  private idleWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(private readonly options: EventRouterOptions) {
    this.rules = options.rules.map((rule) => ({ rule, matches: compileEventPattern(rule.pattern) }));
  }

  /** Accepts events from PutEvents: archived at once, delivered in the background. */
  put(events: readonly BusEvent[], receivedAt = Date.now()): void {
    for (const event of events) {
      this.options.archive.record(event, receivedAt);
      this.route(event, receivedAt);
    }
  }

  /** The rules whose pattern matches an event. */
  matchingRules(event: BusEvent): RuleModel[] {
    return this.rules.filter((r) => r.matches(event)).map((r) => r.rule);
  }

  /** Delivers a rule's dead letters again (all rules' when no rule is given); returns what was redriven. */
  redrive(ruleId?: string): DeadLetter[] {
    const letters = this.options.deadLetters.take(ruleId);
    const now = Date.now();
    for (const letter of letters) {
      const compiled = this.rules.find((r) => r.rule.id === letter.ruleId);
      // A letter of a rule that no longer exists goes back: nothing could receive it.
      if (!compiled) {
        this.options.deadLetters.add(letter);
        continue;
      }
      this.schedule({ rule: compiled.rule, event: letter.event, receivedAt: now }, 1, 0);
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

  /** Resolves when no delivery is running or waiting for a retry (tests and benches use it). */
  idle(): Promise<void> {
    if (this.pendingCount() === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const immediate of this.immediates) clearImmediate(immediate);
    this.timers.clear();
    this.immediates.clear();
    this.notifyIfIdle();
  }

  private route(event: BusEvent, receivedAt: number): void {
    for (const { rule, matches } of this.rules) {
      if (matches(event)) this.schedule({ rule, event, receivedAt }, 1, 0);
    }
  }

  private schedule(delivery: Delivery, attempt: number, delayMs: number): void {
    if (this.stopped) return;
    // Asynchronous even without delay: PutEvents answers before any target runs, as on AWS. A first
    // attempt uses setImmediate (setTimeout would add at least a millisecond to every delivery).
    if (delayMs <= 0) {
      const immediate = setImmediate(() => {
        this.immediates.delete(immediate);
        void this.attempt(delivery, attempt);
      });
      this.immediates.add(immediate);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(delivery, attempt);
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(delivery: Delivery, attempt: number): Promise<void> {
    this.active++;
    try {
      const result = await this.options.invoke(delivery.rule.functionId, delivery.event);
      if (result.ok || this.stopped) return;
      const decision = this.options.retryPolicy.decide(
        delivery.rule,
        attempt,
        Date.now() - delivery.receivedAt,
      );
      if (decision.retry) {
        this.schedule(delivery, attempt + 1, decision.delayMs);
        return;
      }
      this.options.deadLetters.add({
        ruleId: delivery.rule.id,
        functionId: delivery.rule.functionId,
        event: delivery.event,
        errorType: result.errorType,
        errorMessage: result.errorMessage,
        exhaustedRetryCondition: decision.condition,
        retryAttempts: attempt - 1,
      });
    } finally {
      this.active--;
      this.notifyIfIdle();
    }
  }

  private pendingCount(): number {
    return this.active + this.timers.size + this.immediates.size;
  }

  private notifyIfIdle(): void {
    if (this.pendingCount() !== 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
