import { randomUUID } from 'node:crypto';
import { entrySize, PUT_EVENTS_MAX_BYTES } from '../../../shared/runtime/events/batchEntries.ts';
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

export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

/**
 * EventBridge's entry size, computed by the same function the publisher batches with, so the local API and
 * the publisher cannot disagree. The wire's `Time` is epoch seconds; as a Date it counts even when 0.
 */
const wireEntrySize = (entry: PutEventsRequestEntry): number => {
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
 * PutEvents reports (the other entries of the request still go through).
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
  const size = wireEntrySize(entry);
  if (size > PUT_EVENTS_MAX_BYTES) {
    return {
      event: null,
      result: invalid(
        'Entry',
        `Entry size ${size} bytes exceeds the limit of ${PUT_EVENTS_MAX_BYTES} bytes.`,
      ),
    };
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
      time: toIsoSeconds(entry.Time !== undefined ? entry.Time * 1000 : Date.now()),
      region: where.region,
      resources: entry.Resources ?? [],
      detail,
    },
    result: { EventId: id },
  };
};
