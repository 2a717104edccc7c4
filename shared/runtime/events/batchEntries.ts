import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';

/** PutEvents limits: entries per request, and bytes per request as EventBridge counts them. */
export const PUT_EVENTS_MAX_ENTRIES = 10;
export const PUT_EVENTS_MAX_BYTES = 256 * 1024;

// EventBridge counts a Time field as a fixed 14 bytes.
const TIME_BYTES = 14;

/**
 * Size of one entry as EventBridge computes it: UTF-8 bytes of Source, DetailType, Detail and every
 * Resource, plus 14 for Time when set.
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html)
 */
export const entrySize = (entry: PutEventsRequestEntry): number => {
  let size = entry.Time ? TIME_BYTES : 0;
  if (entry.Source) size += Buffer.byteLength(entry.Source, 'utf8');
  if (entry.DetailType) size += Buffer.byteLength(entry.DetailType, 'utf8');
  if (entry.Detail) size += Buffer.byteLength(entry.Detail, 'utf8');
  for (const resource of entry.Resources ?? []) size += Buffer.byteLength(resource, 'utf8');
  return size;
};

/** An entry too large for any request; the caller decides how to report it. */
export class OversizedEntryError extends Error {
  constructor(
    readonly index: number,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`Entry ${index} is ${bytes} bytes; a PutEvents request carries at most ${limit}`);
    this.name = 'OversizedEntryError';
  }
}

/**
 * Splits entries into PutEvents requests of at most 10 entries and 256 KB each, keeping their order.
 * Greedy: a request is closed when the next entry would not fit.
 *
 * @example
 * ```ts
 * for (const batch of batchEntries(entries)) await client.send(new PutEventsCommand({ Entries: batch }));
 * ```
 */
export const batchEntries = <E extends PutEventsRequestEntry>(
  entries: readonly E[],
  limits: { maxEntries?: number; maxBytes?: number } = {},
): E[][] => {
  const maxEntries = limits.maxEntries ?? PUT_EVENTS_MAX_ENTRIES;
  const maxBytes = limits.maxBytes ?? PUT_EVENTS_MAX_BYTES;
  const batches: E[][] = [];
  let current: E[] = [];
  let currentBytes = 0;
  entries.forEach((entry, index) => {
    const size = entrySize(entry);
    if (size > maxBytes) throw new OversizedEntryError(index, size, maxBytes);
    if (current.length >= maxEntries || currentBytes + size > maxBytes) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(entry);
    currentBytes += size;
  });
  if (current.length > 0) batches.push(current);
  return batches;
};
