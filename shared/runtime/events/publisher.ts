import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
  type PutEventsResultEntry,
} from '@aws-sdk/client-eventbridge';
import { eventSource } from '../../contracts/eventCatalog.ts';
import { signWithHeaderSignature } from '../aws/HeaderSigner.ts';
import { EventTooLargeError, type FailedEventEntry, PublishFailedError } from '../errors/eventErrors.ts';
import { runtimeConfig } from '../runtimeConfig.ts';
import { SDK_CLIENT_CONFIG } from '../sdkClientConfig.ts';
import { batchEntries, OversizedEntryError, PUT_EVENTS_MAX_BYTES } from './batchEntries.ts';
import type { EventToPublish, Publisher } from './PublisherTypes.ts';
import { publishableDetail } from './publishableDetail.ts';

/** How a publisher is wired; every field has a production default. */
export interface PublisherOptions {
  /** The publishing module: only its own events are accepted. @default env SOLEIL_MODULE */
  readonly module?: string;
  /** @default env SOLEIL_EVENT_BUS_NAME, read at publish time */
  readonly busName?: string;
  /** @default a new EventBridgeClient (honours AWS_ENDPOINT_URL_EVENTBRIDGE), created on first publish */
  readonly client?: EventBridgeClient;
  /** Attempts per entry, the first included. @default 4 */
  readonly maxAttempts?: number;
  /** Backoff before retry n is base × 2^(n-1), with jitter. @default 100 */
  readonly retryBaseDelayMs?: number;
}

interface PendingEntry {
  readonly eventId: string;
  readonly name: string;
  readonly entry: PutEventsRequestEntry;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const failureOf = (pending: PendingEntry, result: PutEventsResultEntry | undefined): FailedEventEntry => ({
  eventId: pending.eventId,
  name: pending.name,
  errorCode: result?.ErrorCode ?? 'MissingResult',
  errorMessage: result?.ErrorMessage ?? 'EventBridge returned no result for this entry',
});

/**
 * The platform's only way onto the bus. Validates each event against its contract (owner = this module,
 * data, band scope, hop limit) before anything is sent, batches to the PutEvents limits and retries
 * entries EventBridge refuses, then throws {@link PublishFailedError} naming those still refused.
 *
 * @example
 * ```ts
 * const publisher = createPublisher({ module: 'drive' });
 * await publisher.publish('drive.file_changed', data, { bandId });
 * ```
 */
export const createPublisher = (options: PublisherOptions = {}): Publisher => {
  let client = options.client;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const baseDelay = options.retryBaseDelayMs ?? 100;

  const toPending = (module: string, busName: string, event: EventToPublish): PendingEntry => {
    const { contract, detail } = publishableDetail(module, event);
    return {
      eventId: detail.metadata.eventId,
      name: contract.name,
      entry: {
        Source: eventSource(module),
        DetailType: contract.name,
        Detail: JSON.stringify(detail),
        EventBusName: busName,
      },
    };
  };

  const sendBatch = async (
    eventBridge: EventBridgeClient,
    batch: PendingEntry[],
  ): Promise<FailedEventEntry[]> => {
    let pending = batch;
    let failures: FailedEventEntry[] = [];
    for (let attempt = 1; attempt <= maxAttempts && pending.length > 0; attempt++) {
      if (attempt > 1) await sleep(baseDelay * 2 ** (attempt - 2) * (0.5 + Math.random()));
      const response = await eventBridge.send(new PutEventsCommand({ Entries: pending.map((p) => p.entry) }));
      const results = response.Entries ?? [];
      // Results are positional; an entry without an EventId failed, whatever FailedEntryCount says.
      const failedIndexes = pending
        .map((_, i) => i)
        .filter((i) => results[i]?.ErrorCode !== undefined || results[i]?.EventId === undefined);
      failures = failedIndexes.map((i) => failureOf(pending[i] as PendingEntry, results[i]));
      pending = failedIndexes.map((i) => pending[i] as PendingEntry);
    }
    return failures;
  };

  const publishAll = async (events: readonly EventToPublish[]): Promise<string[]> => {
    if (events.length === 0) return [];
    const module = options.module ?? runtimeConfig.module();
    const busName = options.busName ?? runtimeConfig.eventBusName();
    const pending = events.map((event) => toPending(module, busName, event));
    let batches: PendingEntry[][];
    try {
      const byEntry = new Map(pending.map((p) => [p.entry, p]));
      batches = batchEntries(pending.map((p) => p.entry)).map((batch) =>
        batch.map((entry) => byEntry.get(entry) as PendingEntry),
      );
    } catch (error) {
      if (error instanceof OversizedEntryError) {
        throw new EventTooLargeError(
          pending[error.index]?.name ?? 'event',
          error.bytes,
          PUT_EVENTS_MAX_BYTES,
        );
      }
      throw error;
    }
    client ??= signWithHeaderSignature(new EventBridgeClient(SDK_CLIENT_CONFIG));
    const failures: FailedEventEntry[] = [];
    for (const batch of batches) failures.push(...(await sendBatch(client, batch)));
    if (failures.length > 0) throw new PublishFailedError(failures, maxAttempts);
    return pending.map((p) => p.eventId);
  };

  return {
    publish: async (name, data, publishOptions) => {
      const [eventId] = await publishAll([{ name, data, options: publishOptions } as EventToPublish]);
      return eventId as string;
    },
    publishAll,
  };
};
