import type { RuleModel } from '../../../shared/platformModel/PlatformModel.ts';
import { derivedEventId } from '../../../shared/runtime/events/derivedEventId.ts';
import type { BusEvent } from '../shared/BusEvent.ts';
import { LOCAL_NAMES } from '../shared/localNames.ts';
import { type SerialisedEvent, serialiseEvent } from './serialisedEvent.ts';

/**
 * The message id a delivery keeps across its retries, as an SQS message does across receives: derived from the
 * rule and the bus event, so a resumed delivery (after a stop) keeps it too.
 */
const messageIdOf = (ruleId: string, eventId: string): string => derivedEventId(`${ruleId}\n${eventId}`);

/** One SQS record in the shape Lambda's event source mapping delivers it. */
export interface SubscriptionQueueRecord {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly attributes: {
    readonly ApproximateReceiveCount: string;
    readonly SentTimestamp: string;
    readonly SenderId: string;
    readonly ApproximateFirstReceiveTimestamp: string;
  };
  readonly messageAttributes: Record<string, never>;
  readonly md5OfBody: string;
  readonly eventSource: 'aws:sqs';
  readonly eventSourceARN: string;
  readonly awsRegion: string;
}

/**
 * One delivery as the record AWS's queue → Lambda mapping hands the subscriber: its body is the EventBridge event
 * the rule put on the subscription's queue; the receive count is the attempt (1 on the first delivery). The
 * router sends records in batches — of one, or up to SUBSCRIPTION_BATCH_SIZE for a rule with a batching window.
 */
export const subscriptionQueueRecord = (input: {
  readonly rule: RuleModel;
  readonly event: BusEvent;
  readonly attempt: number;
  readonly receivedAt: number;
  readonly region: string;
  /** The event's text when the caller made it already (see {@link serialiseEvent}). */
  readonly serialised?: SerialisedEvent;
}): SubscriptionQueueRecord => {
  const serialised = input.serialised ?? serialiseEvent(input.event);
  return {
    messageId: messageIdOf(input.rule.id, input.event.id),
    receiptHandle: `${input.rule.id}/${input.event.id}/${input.attempt}`,
    body: serialised.json,
    attributes: {
      ApproximateReceiveCount: String(input.attempt),
      SentTimestamp: String(input.receivedAt),
      SenderId: 'events.amazonaws.com',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: serialised.md5(),
    eventSource: 'aws:sqs',
    eventSourceARN: LOCAL_NAMES.queueArn(input.region, input.rule.id),
    awsRegion: input.region,
  };
};

/**
 * The message ids a subscriber reported as failed (`{ batchItemFailures: [{ itemIdentifier }] }`), as the
 * mapping with `ReportBatchItemFailures` reads them; anything else means the whole batch succeeded.
 */
export const failedMessageIds = (result: unknown): string[] => {
  if (typeof result !== 'object' || result === null) return [];
  const failures = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (!Array.isArray(failures)) return [];
  return failures
    .map((f) =>
      typeof f === 'object' && f !== null ? (f as { itemIdentifier?: unknown }).itemIdentifier : null,
    )
    .filter((id): id is string => typeof id === 'string');
};
