import {
  asyncInvocationQueue,
  type DeadLetter,
  type DeadLetterStore,
  isAsyncInvocationQueue,
} from '../deadLetters/DeadLetterStore.ts';
import type { InvokeFunction } from '../shared/InvocationResult.ts';
import type { PendingAsyncInvocation } from '../work/PendingWorkStore.ts';
import { ScheduledWork } from '../work/ScheduledWork.ts';

/** Lambda's waits before the two retries of a failed asynchronous invocation: one minute, then two. */
const ASYNC_RETRY_DELAYS_MS = [60_000, 120_000] as const;

/** Lambda's default maximum age of an asynchronous event: six hours. */
const ASYNC_MAX_EVENT_AGE_MS = 6 * 60 * 60 * 1000;

export interface AsyncInvocationsOptions {
  readonly invoke: InvokeFunction;
  readonly deadLetters: DeadLetterStore;
  /** Multiplies every wait and divides every age, as the router's retry clock does. @default 1 */
  readonly timeScale?: number;
  /** Told of every failed attempt, since no caller waits for the result. */
  readonly onFailure?: (functionId: string, attempt: number, errorType: string, errorMessage: string) => void;
}

type Invocation = PendingAsyncInvocation;

/**
 * Lambda's asynchronous invocations (`InvocationType: Event`): queued, run in the background, a failure
 * retried twice (after about 1 and 2 minutes, on the scaled clock), then kept as a dead letter under
 * `lambda:<functionId>` — where Lambda would send it to the function's DLQ or on-failure destination — so
 * `npm run dlq` lists it and a redrive invokes it again.
 */
export class AsyncInvocations {
  private readonly work = new ScheduledWork<Invocation>((invocation) => this.attempt(invocation));
  private readonly timeScale: number;

  constructor(private readonly options: AsyncInvocationsOptions) {
    this.timeScale = options.timeScale ?? 1;
  }

  /** Queues an invocation; it runs after the caller got its 202. */
  enqueue(functionId: string, payload: unknown, receivedAt = Date.now()): void {
    this.work.schedule({ functionId, payload, receivedAt, attempt: 1 });
  }

  /** Invokes the dead letters of a function's queue (or of every function's) again. */
  redrive(queue?: string): DeadLetter[] {
    if (queue !== undefined && !isAsyncInvocationQueue(queue)) return [];
    const letters = this.options.deadLetters.take(queue, (l) => isAsyncInvocationQueue(l.ruleId));
    for (const letter of letters) this.enqueue(letter.functionId, letter.event);
    return letters;
  }

  /** Schedules the invocations a previous stop left undone. */
  resume(pending: readonly PendingAsyncInvocation[]): void {
    for (const invocation of pending) this.work.schedule(invocation);
  }

  idle(): Promise<void> {
    return this.work.idle();
  }

  /** Stops like the event router: waiting ones at once, running ones within `drainMs`; returns the undone. */
  stop(drainMs = 0): Promise<PendingAsyncInvocation[]> {
    return this.work.stop(drainMs);
  }

  private async attempt(invocation: Invocation): Promise<void> {
    const result = await this.options.invoke(invocation.functionId, invocation.payload);
    if (result.ok) return;
    if (!this.work.accepting) {
      this.work.setAside(invocation);
      return;
    }
    this.options.onFailure?.(
      invocation.functionId,
      invocation.attempt,
      result.errorType,
      result.errorMessage,
    );
    const delay = ASYNC_RETRY_DELAYS_MS[invocation.attempt - 1];
    const ageAtRetry =
      delay === undefined ? 0 : (Date.now() - invocation.receivedAt) / this.timeScale + delay;
    if (delay !== undefined && ageAtRetry <= ASYNC_MAX_EVENT_AGE_MS) {
      this.work.schedule({ ...invocation, attempt: invocation.attempt + 1 }, delay * this.timeScale);
      return;
    }
    this.options.deadLetters.add({
      ruleId: asyncInvocationQueue(invocation.functionId),
      functionId: invocation.functionId,
      event: invocation.payload,
      errorType: result.errorType,
      errorMessage: result.errorMessage,
      exhaustedRetryCondition: delay === undefined ? 'MaximumRetryAttempts' : 'MaximumEventAgeInSeconds',
      retryAttempts: invocation.attempt - 1,
    });
  }
}
