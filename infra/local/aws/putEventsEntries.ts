import { randomUUID } from 'node:crypto';
import { entrySize } from '../../../shared/runtime/events/batchEntries.ts';
import type { BusEvent } from '../shared/BusEvent.ts';

/** One entry of a PutEvents request, as the JSON 1.1 protocol sends it (`Time` in epoch seconds). */
export interface PutEventsRequestEntry {
  readonly Source?: string;
  readonly DetailType?: string;
  readonly Detail?: string;
  readonly Resources?: string[];
  readonly Time?: number;
  readonly EventBusName?: string;
  readonly TraceHeader?: string;
}

/**
 * What a PutEvents request's entries may total, counted as {@link wireEntrySize} counts: "the total entry
 * size must be less than 1MB" (PutEvents API reference, since EventBridge raised it from 256 KB in January
 * 2026). The platform's publisher batches to the old 256 KB, which both accept.
 */
export const PUT_EVENTS_REQUEST_MAX_BYTES = 1024 * 1024;

export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

/**
 * EventBridge's entry size, computed by the same function the publisher batches with, so the local API and
 * the publisher cannot disagree. The wire's `Time` is epoch seconds; as a Date it counts even when 0.
 */
export const wireEntrySize = (entry: PutEventsRequestEntry): number => {
  const { Time, ...rest } = entry;
  return entrySize(Time === undefined ? rest : { ...rest, Time: new Date(Time * 1000) });
};

const invalid = (parameter: string, reason: string): PutEventsResultEntry => ({
  ErrorCode: 'InvalidArgument',
  ErrorMessage: `Parameter ${parameter} is not valid. Reason: ${reason}`,
});

const toIsoSeconds = (epochMs: number): string => new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Checks one entry as EventBridge does and turns it into the event rules see, or the per-entry error
 * PutEvents reports (the other entries of the request still go through). The members' wire types and the
 * request's size were checked before, for the whole request.
 */
export const toBusEvent = (
  entry: PutEventsRequestEntry,
  where: { region: string; account: string },
): { event: BusEvent; result: PutEventsResultEntry } | { event: null; result: PutEventsResultEntry } => {
  if (!entry.Source) return { event: null, result: invalid('Source', 'Source is a required argument.') };
  if (!entry.DetailType)
    return { event: null, result: invalid('DetailType', 'DetailType is a required argument.') };
  if (entry.Detail === undefined)
    return { event: null, result: invalid('Detail', 'Detail is a required argument.') };
  if (entry.Source.startsWith('aws.')) {
    return {
      event: null,
      result: {
        ErrorCode: 'NotAuthorizedForSourceException',
        ErrorMessage: 'Not authorized for the source.',
      },
    };
  }
  // A number of seconds no date can hold (JavaScript's, like Java's, ends in the year 275760).
  const time = entry.Time === undefined ? Date.now() : entry.Time * 1000;
  if (Number.isNaN(new Date(time).getTime())) {
    return { event: null, result: invalid('Time', `${entry.Time} is not a valid timestamp.`) };
  }
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    detail = undefined;
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    return { event: null, result: { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' } };
  }
  const id = randomUUID();
  return {
    event: {
      version: '0',
      id,
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: where.account,
      time: toIsoSeconds(time),
      region: where.region,
      resources: entry.Resources ?? [],
      detail,
    },
    result: { EventId: id },
  };
};
