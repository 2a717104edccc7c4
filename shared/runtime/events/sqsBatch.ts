import { EventValidationError } from '../errors/eventErrors.ts';
import type { EventBridgeEventLike } from './parseEventBridgeEvent.ts';

/** The parts of an SQS record the kit reads: its id (to report a failure), its body, when it was queued. */
export interface SqsRecordLike {
  readonly messageId: string;
  readonly body: string;
  readonly eventSource?: string;
  readonly attributes?: {
    readonly ApproximateReceiveCount?: string;
    /** Epoch ms the queue got the message (from the bus, for a subscription's queue). */
    readonly SentTimestamp?: string;
    /** Epoch ms the queue first handed the message out (to the function's poller). */
    readonly ApproximateFirstReceiveTimestamp?: string;
  };
}

const isoOfEpochText = (text: string | undefined): string | undefined => {
  const ms = text === undefined || !/^\d{1,15}$/.test(text) ? Number.NaN : Number(text);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
};

/** When a record reached its queue and left it (ISO), as far as its attributes say. */
export const queueTimesOf = (record: SqsRecordLike): { queuedAt?: string; receivedAt?: string } => {
  const queuedAt = isoOfEpochText(record.attributes?.SentTimestamp);
  const receivedAt = isoOfEpochText(record.attributes?.ApproximateFirstReceiveTimestamp);
  return { ...(queuedAt ? { queuedAt } : {}), ...(receivedAt ? { receivedAt } : {}) };
};

/** An SQS event source mapping's batch: each body is the EventBridge event the rule sent to the queue. */
export interface SqsBatchLike {
  readonly Records: readonly SqsRecordLike[];
}

/**
 * What a subscriber answers for an SQS batch (the mapping has `ReportBatchItemFailures`): only the listed
 * messages return to the queue, to be received again and, after `maxReceiveCount`, dead-lettered.
 */
export interface SqsBatchResponse {
  readonly batchItemFailures: { readonly itemIdentifier: string }[];
}

/** True for an SQS batch (a `Records` array whose items come from `aws:sqs`), false for an EventBridge event. */
export const isSqsBatch = (event: unknown): event is SqsBatchLike => {
  if (typeof event !== 'object' || event === null) return false;
  const records = (event as { Records?: unknown }).Records;
  return (
    Array.isArray(records) &&
    records.every(
      (r) =>
        typeof r === 'object' &&
        r !== null &&
        typeof (r as SqsRecordLike).messageId === 'string' &&
        (r as SqsRecordLike).eventSource === 'aws:sqs',
    )
  );
};

/** The EventBridge event an SQS record carries; a body that is not a JSON object is an invalid event. */
export const eventOfRecord = (record: SqsRecordLike): EventBridgeEventLike => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(record.body);
  } catch {
    throw new EventValidationError(`SQS message ${record.messageId} does not hold JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new EventValidationError(`SQS message ${record.messageId} does not hold an EventBridge event`);
  }
  return parsed as EventBridgeEventLike;
};
