import type { EventContract } from '../../contracts/defineEvent.ts';
import { type EventDetail, MAX_EVENT_HOPS } from '../../contracts/eventEnvelope.ts';
import { EventValidationError, HopLimitExceededError } from '../errors/eventErrors.ts';
import { fieldIssuesFromZod } from '../errors/ValidationError.ts';
import { currentCause, currentCorrelationId } from '../observability/currentInvocation.ts';
import { detailSchemaFor } from './detailSchemaFor.ts';

/** What a publisher may say about an event's place in a chain; the rest of the metadata is generated. */
export interface PublishOptions {
  /** The band the event concerns. @default the data's `bandId`, else `inheritedBandId` */
  readonly bandId?: string;
  /** The band of the event being reacted to: used only when neither `bandId` nor the data names one. */
  readonly inheritedBandId?: string | undefined;
  /** @default the running invocation's correlation id, else a new uuid (a chain starts here) */
  readonly correlationId?: string;
  /** Event id of the event that caused this one. @default the event the running invocation reacts to, else null */
  readonly causationId?: string | null;
  /** @default one more than the hop of the event the running invocation reacts to, else 0 */
  readonly hop?: number;
  /** @default a new uuid; set it to make a re-publish idempotent downstream */
  readonly eventId?: string;
  /** @default now */
  readonly occurredAt?: string;
}

const bandIdOf = (data: unknown): string | undefined => {
  const value = typeof data === 'object' && data !== null ? (data as { bandId?: unknown }).bandId : undefined;
  return typeof value === 'string' ? value : undefined;
};

/**
 * The validated `detail` of an event about to be published. Throws {@link HopLimitExceededError} past
 * the hop limit, {@link EventValidationError} when data, metadata or the band scope are wrong.
 */
export const buildEventDetail = (
  contract: EventContract,
  producer: string,
  data: unknown,
  options: PublishOptions = {},
): EventDetail<unknown> => {
  // An event published while reacting to another (an outbox commit in a subscriber, a service called by
  // one) is caused by it, even when the code publishing it never saw that event.
  const cause = currentCause();
  const hop = options.hop ?? (cause ? cause.hop + 1 : 0);
  if (hop > MAX_EVENT_HOPS) throw new HopLimitExceededError(contract.name, hop);
  const bandId = options.bandId ?? bandIdOf(data) ?? options.inheritedBandId;
  if (contract.bandScoped && !bandId) {
    throw new EventValidationError(`${contract.name} is band-scoped: publish it with a bandId`, {
      eventName: contract.name,
      issues: [{ path: 'metadata.bandId', message: 'required for a band-scoped event' }],
    });
  }
  const metadata = {
    eventId: options.eventId ?? crypto.randomUUID(),
    schemaVersion: contract.version,
    correlationId: options.correlationId ?? currentCorrelationId() ?? crypto.randomUUID(),
    causationId: options.causationId === undefined ? (cause?.eventId ?? null) : options.causationId,
    occurredAt: options.occurredAt ?? new Date().toISOString(),
    hop,
    ...(bandId === undefined ? {} : { bandId }),
    producer,
  };
  const parsed = detailSchemaFor(contract).safeParse({ metadata, data });
  if (!parsed.success) {
    const issues = fieldIssuesFromZod(parsed.error);
    throw new EventValidationError(
      `${contract.name} does not match its contract: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      { eventName: contract.name, issues },
    );
  }
  return parsed.data as EventDetail<unknown>;
};
