import { MAX_EVENT_HOPS } from '../../contracts/eventEnvelope.ts';
import { PlatformError } from './PlatformError.ts';
import type { FieldIssue } from './ValidationError.ts';

/**
 * An event (received or about to be published) does not match its contract. Thrown, never swallowed: on
 * receipt EventBridge retries and then dead-letters it; on publish nothing is sent.
 */
export class EventValidationError extends PlatformError {
  readonly eventName: string | null;
  readonly issues: readonly FieldIssue[];

  constructor(detail: string, options: { eventName?: string | null; issues?: readonly FieldIssue[] } = {}) {
    super({
      status: 500,
      type: 'event-validation-failed',
      title: 'An event does not match its contract',
      detail,
    });
    this.eventName = options.eventName ?? null;
    this.issues = options.issues ?? [];
  }
}

/** A module tried to publish an event another module owns: each event has exactly one publisher. */
export class ForeignEventError extends PlatformError {
  constructor(eventName: string, owner: string, module: string) {
    super({
      status: 500,
      type: 'foreign-event',
      title: 'A module published an event it does not own',
      detail: `${module} cannot publish ${eventName}: it is owned by ${owner}`,
    });
  }
}

/** An event chain grew past {@link MAX_EVENT_HOPS}: most likely a loop between subscribers. */
export class HopLimitExceededError extends PlatformError {
  readonly hop: number;

  constructor(eventName: string, hop: number) {
    super({
      status: 500,
      type: 'hop-limit-exceeded',
      title: 'An event chain is too long',
      detail: `${eventName} would be hop ${hop}; the limit is ${MAX_EVENT_HOPS} (is there an event loop?)`,
    });
    this.hop = hop;
  }
}

/** One event larger than an EventBridge request may carry (256 KB): it can never be sent. */
export class EventTooLargeError extends PlatformError {
  constructor(eventName: string, bytes: number, limit: number) {
    super({
      status: 500,
      type: 'event-too-large',
      title: 'An event is too large to publish',
      detail: `${eventName} is ${bytes} bytes; EventBridge accepts at most ${limit} per request`,
    });
  }
}

/** One entry EventBridge kept refusing. */
export interface FailedEventEntry {
  readonly eventId: string;
  readonly name: string;
  readonly errorCode: string;
  readonly errorMessage: string;
}

/** Some entries still failed after every retry; `failed` lists them, every other entry was accepted. */
export class PublishFailedError extends PlatformError {
  readonly failed: readonly FailedEventEntry[];

  constructor(failed: readonly FailedEventEntry[], attempts: number) {
    const summary = failed.map((f) => `${f.name} ${f.eventId} (${f.errorCode})`).join(', ');
    super({
      status: 500,
      type: 'publish-failed',
      title: 'Events could not be published',
      detail: `${failed.length} event(s) failed after ${attempts} attempt(s): ${summary}`,
    });
    this.failed = failed;
  }
}
