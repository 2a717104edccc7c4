import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Why a delivery stopped being retried; the names of EventBridge's `EXHAUSTED_RETRY_CONDITION`. */
export type ExhaustedRetryCondition = 'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds';

/** Dead-letter queue of a function's asynchronous invocations (`lambda:<functionId>`), beside the rules'. */
export const asyncInvocationQueue = (functionId: string): string => `lambda:${functionId}`;

/** Whether a queue is a function's asynchronous-invocation queue rather than a rule's. */
export const isAsyncInvocationQueue = (queue: string): boolean => queue.startsWith('lambda:');

/**
 * An event a rule gave up delivering, with what EventBridge puts in a DLQ message's attributes; or an
 * asynchronous Lambda invocation that failed its two retries (Lambda's retry settings share the names).
 */
export interface DeadLetter {
  readonly id: string;
  /** The rule's id, or `lambda:<functionId>` for an asynchronous invocation. */
  readonly ruleId: string;
  readonly functionId: string;
  /** The rule's event (a `BusEvent`), or the asynchronous invocation's payload. */
  readonly event: unknown;
  readonly errorType: string;
  readonly errorMessage: string;
  readonly exhaustedRetryCondition: ExhaustedRetryCondition;
  /** Retries made after the first attempt (EventBridge's `RETRY_ATTEMPTS`). */
  readonly retryAttempts: number;
  readonly deadLetteredAt: string;
}

/**
 * The dead-letter queues of every rule. In memory; with a file (under `npm start`) every change is written
 * through, so dead letters survive a restart and can be redriven later.
 */
export class DeadLetterStore {
  private readonly letters: DeadLetter[] = [];

  constructor(private readonly file?: string) {
    if (file && existsSync(file))
      this.letters.push(...(JSON.parse(readFileSync(file, 'utf8')) as DeadLetter[]));
  }

  add(letter: Omit<DeadLetter, 'id' | 'deadLetteredAt'>): DeadLetter {
    const stored = { ...letter, id: randomUUID(), deadLetteredAt: new Date().toISOString() };
    this.letters.push(stored);
    this.persist();
    return stored;
  }

  /** Dead letters, oldest first; of one rule when given. */
  list(ruleId?: string): DeadLetter[] {
    return this.letters.filter((l) => ruleId === undefined || l.ruleId === ruleId);
  }

  /** Removes and returns the letters of a queue (or of every queue passing `which`), e.g. to redrive them. */
  take(ruleId?: string, which: (letter: DeadLetter) => boolean = () => true): DeadLetter[] {
    const taken = this.list(ruleId).filter(which);
    if (taken.length === 0) return [];
    const ids = new Set(taken.map((l) => l.id));
    const kept = this.letters.filter((l) => !ids.has(l.id));
    this.letters.splice(0, this.letters.length, ...kept);
    this.persist();
    return taken;
  }

  private persist(): void {
    if (!this.file) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify(this.letters, null, 2));
  }
}
