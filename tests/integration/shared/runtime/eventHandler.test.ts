import '../../../helpers/quietPowertools.ts';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReactionReport } from '../../../../shared/contracts/flowTrace.ts';
import { onceByEventId } from '../../../../shared/runtime/events/onceByEventId.ts';
import type { SqsBatchResponse } from '../../../../shared/runtime/events/sqsBatch.ts';
import {
  createMetrics,
  createPublisher,
  EventValidationError,
  eventHandler,
  HopLimitExceededError,
} from '../../../../shared/runtime/index.ts';
import {
  recordServiceCall,
  takeStorageCalls,
} from '../../../../shared/runtime/observability/currentInvocation.ts';
import { outboxEvent } from '../../../../shared/runtime/outbox/OutboxEvent.ts';
import { documentClient } from '../../../../shared/runtime/storage/documentClient.ts';
import { storageClient } from '../../../../shared/runtime/storage/storageClient.ts';
import { contentDeleted, eventBridgeEvent, fileRemoved } from '../../../helpers/eventFixtures.ts';
import { lambdaContext } from '../../../helpers/httpEvents.ts';
import {
  createIdempotencyTable,
  type LocalDynamoDb,
  startLocalDynamoDb,
} from '../../../helpers/localDynamoDb.ts';

const TABLE = 'content-idempotency';
const eventBridge = mockClient(EventBridgeClient);
let dynamo: LocalDynamoDb;

beforeAll(async () => {
  dynamo = await startLocalDynamoDb();
  await createIdempotencyTable(dynamo.client, TABLE);
  dynamo.pointSdkHere();
  process.env.SOLEIL_MODULE = 'content';
  process.env.SOLEIL_TABLE_IDEMPOTENCY = TABLE;
  process.env.SOLEIL_EVENT_BUS_NAME = 'soleil-test';
});

afterAll(async () => {
  delete process.env.SOLEIL_MODULE;
  delete process.env.SOLEIL_TABLE_IDEMPOTENCY;
  delete process.env.SOLEIL_EVENT_BUS_NAME;
  await dynamo?.stop();
});

beforeEach(() => {
  eventBridge.reset();
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
    FailedEntryCount: 0,
    Entries: input.Entries.map(() => ({ EventId: crypto.randomUUID() })),
  }));
});

const publisher = () =>
  createPublisher({
    module: 'content',
    busName: 'soleil-test',
    client: new EventBridgeClient({ region: 'eu-west-1' }),
  });

describe('eventHandler', () => {
  it('calls handle with the typed data and metadata of a valid event', async () => {
    const handle = vi.fn(async (_event: unknown) => {});
    const handler = eventHandler({
      repeats: onceByEventId(),
      events: ['drive.file_removed'],
      publisher: publisher(),
      handle,
    });
    const event = eventBridgeEvent({
      name: 'drive.file_removed',
      source: 'soleil.drive',
      data: fileRemoved(),
    });
    await handler(event, lambdaContext('content-onFileRemoved'));
    expect(handle).toHaveBeenCalledTimes(1);
    expect(handle.mock.calls[0]?.[0]).toMatchObject({
      name: 'drive.file_removed',
      data: fileRemoved(),
      metadata: { eventId: event.detail.metadata.eventId, correlationId: 'corr-1' },
    });
  });

  it.each([
    ['invalid data', { data: { ...fileRemoved(), fileId: '' } }],
    ['a source other than the owner', { source: 'soleil.content' }],
    ['an unknown detail-type', { name: 'drive.exploded' }],
    ['a malformed envelope', { metadata: { hop: 99 } }],
    ['a band-scoped event without bandId', { metadata: { bandId: undefined } }],
  ])('throws EventValidationError (never swallows) for %s', async (_, change) => {
    const handle = vi.fn(async () => {});
    const handler = eventHandler({
      repeats: onceByEventId(),
      events: ['drive.file_removed'],
      publisher: publisher(),
      handle,
    });
    const event = eventBridgeEvent({
      name: 'name' in change ? (change.name as string) : 'drive.file_removed',
      source: 'source' in change ? (change.source as string) : 'soleil.drive',
      data: 'data' in change ? change.data : fileRemoved(),
      ...('metadata' in change ? { metadata: change.metadata } : {}),
    });
    await expect(handler(event, lambdaContext())).rejects.toBeInstanceOf(EventValidationError);
    expect(handle).not.toHaveBeenCalled();
  });

  it('refuses an event this function is not subscribed to', async () => {
    const handle = vi.fn(async () => {});
    const handler = eventHandler({
      repeats: onceByEventId(),
      events: ['drive.file_removed'],
      publisher: publisher(),
      handle,
    });
    const event = eventBridgeEvent({
      name: 'drive.sync_started',
      source: 'soleil.drive',
      data: { bandId: 'band-1', syncId: 's1', trigger: 'manual', requestedBy: null },
    });
    await expect(handler(event, lambdaContext())).rejects.toBeInstanceOf(EventValidationError);
  });

  it('runs handle once for a duplicate delivery of the same event id (idempotency on DynamoDB Local)', async () => {
    const handle = vi.fn(async () => {});
    const handler = eventHandler({
      repeats: onceByEventId(),
      events: ['drive.file_removed'],
      publisher: publisher(),
      handle,
    });
    const event = eventBridgeEvent({
      name: 'drive.file_removed',
      source: 'soleil.drive',
      data: fileRemoved(),
    });
    const redelivery = { ...event, id: crypto.randomUUID() };
    const addMetric = vi.spyOn(createMetrics('content'), 'addMetric');
    await handler(event, lambdaContext('content-dedupe'));
    await handler(redelivery, lambdaContext('content-dedupe'));
    expect(handle).toHaveBeenCalledTimes(1);
    expect(addMetric.mock.calls.map((c) => c[0])).toEqual(['EventsHandled', 'DuplicateEventsSkipped']);
    addMetric.mockRestore();
    const another = eventBridgeEvent({
      name: 'drive.file_removed',
      source: 'soleil.drive',
      data: fileRemoved(),
    });
    await handler(another, lambdaContext('content-dedupe'));
    expect(handle).toHaveBeenCalledTimes(2);
    const stored = await dynamo.client.send(new ScanCommand({ TableName: TABLE }));
    const ids = (stored.Items ?? [])
      .map((item) => item.id?.S ?? '')
      .filter((id) => id.startsWith('content#content-dedupe#'));
    expect(ids).toHaveLength(2);
  });

  it('runs handle again on redelivery when the first run failed', async () => {
    const handle = vi.fn().mockRejectedValueOnce(new Error('database busy')).mockResolvedValue(undefined);
    const handler = eventHandler({
      repeats: onceByEventId(),
      events: ['drive.file_removed'],
      publisher: publisher(),
      handle,
    });
    const event = eventBridgeEvent({
      name: 'drive.file_removed',
      source: 'soleil.drive',
      data: fileRemoved(),
    });
    await expect(handler(event, lambdaContext('content-retry'))).rejects.toThrow('database busy');
    await handler(event, lambdaContext('content-retry'));
    expect(handle).toHaveBeenCalledTimes(2);
  });

  it('leaves repeats to a handler that makes them harmless itself: every delivery runs it, the kit keeps no record', async () => {
    const published: unknown[] = [];
    let runs = 0;
    const handler = eventHandler({
      events: ['drive.file_removed'],
      publisher: publisher(),
      repeats: 'handler',
      reactionReporter: null,
      handle: async ({ publish }) => {
        runs += 1;
        await publish('content.deleted', contentDeleted());
      },
    });
    const event = eventBridgeEvent({
      name: 'drive.file_removed',
      source: 'soleil.drive',
      data: fileRemoved(),
    });
    const before = await dynamo.client.send(new ScanCommand({ TableName: TABLE }));
    takeStorageCalls();
    await handler(event, lambdaContext('content-repeats'));
    await handler(event, lambdaContext('content-repeats'));
    expect(runs).toBe(2);
    // No idempotency record was read or written for it.
    expect(takeStorageCalls().calls).toBe(0);
    expect((await dynamo.client.send(new ScanCommand({ TableName: TABLE }))).Count).toBe(before.Count);
    // What a repeat publishes keeps its id: subscribers drop it as the duplicate it is.
    for (const call of eventBridge.commandCalls(PutEventsCommand))
      published.push(...(call.args[0].input.Entries ?? []));
    const ids = published.map(
      (e) =>
        (JSON.parse((e as { Detail: string }).Detail) as { metadata: { eventId: string } }).metadata.eventId,
    );
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
  });

  it('keeps two subscriber functions of one module apart: each runs once', async () => {
    const first = vi.fn(async () => {});
    const second = vi.fn(async () => {});
    const a = eventHandler({
      repeats: onceByEventId(),
      events: ['drive.file_removed'],
      publisher: publisher(),
      handle: first,
    });
    const b = eventHandler({
      repeats: onceByEventId(),
      events: ['drive.file_removed'],
      publisher: publisher(),
      handle: second,
    });
    const event = eventBridgeEvent({
      name: 'drive.file_removed',
      source: 'soleil.drive',
      data: fileRemoved(),
    });
    await a(event, lambdaContext('content-a'));
    await b(event, lambdaContext('content-b'));
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('publishes reactions with causation, correlation, hop + 1 and the trigger band', async () => {
    const handler = eventHandler({
      repeats: onceByEventId(),
      events: ['drive.file_removed'],
      publisher: publisher(),
      handle: async ({ data, publish }) => {
        await publish('content.deleted', contentDeleted({ bandId: data.bandId, fileId: data.fileId }));
      },
    });
    const event = eventBridgeEvent({
      name: 'drive.file_removed',
      source: 'soleil.drive',
      data: fileRemoved({ bandId: 'band-7' }),
      metadata: { hop: 3, bandId: 'band-7', correlationId: 'chain-1' },
    });
    await handler(event, lambdaContext('content-react'));
    const entries = eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries ?? [];
    expect(entries).toHaveLength(1);
    expect(entries[0]?.Source).toBe('soleil.content');
    const metadata = JSON.parse(entries[0]?.Detail ?? '').metadata;
    expect(metadata).toMatchObject({
      causationId: event.detail.metadata.eventId,
      correlationId: 'chain-1',
      hop: 4,
      bandId: 'band-7',
      producer: 'content',
    });
    expect(metadata.eventId).not.toBe(event.detail.metadata.eventId);
  });

  it('refuses to react to an event at hop 16 (the next would be 17)', async () => {
    const handler = eventHandler({
      repeats: onceByEventId(),
      events: ['drive.file_removed'],
      publisher: publisher(),
      handle: async ({ publish }) => {
        await publish('content.deleted', contentDeleted());
      },
    });
    const event = eventBridgeEvent({
      name: 'drive.file_removed',
      source: 'soleil.drive',
      data: fileRemoved(),
      metadata: { hop: 16 },
    });
    await expect(handler(event, lambdaContext('content-loop'))).rejects.toBeInstanceOf(HopLimitExceededError);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });
});

/** An SQS batch as the subscription queue's event source mapping delivers it: each body an EventBridge event. */
const sqsBatch = (
  bodies: readonly unknown[],
  receiveCount = 1,
  times: { SentTimestamp?: string; ApproximateFirstReceiveTimestamp?: string } = {},
) => ({
  Records: bodies.map((body, i) => ({
    messageId: `msg-${i}-${crypto.randomUUID()}`,
    receiptHandle: `rh-${i}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: { ApproximateReceiveCount: String(receiveCount), ...times },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:content-onFileRemoved',
    awsRegion: 'eu-west-1',
  })),
});

const removedEvent = (data = fileRemoved()) =>
  eventBridgeEvent({ name: 'drive.file_removed', source: 'soleil.drive', data });

describe('eventHandler on an SQS batch (the subscription queue)', () => {
  it('handles every record and reports no failure when all succeed', async () => {
    const handle = vi.fn(async (_event: unknown) => {});
    const handler = eventHandler({
      repeats: onceByEventId(),
      events: ['drive.file_removed'],
      publisher: publisher(),
      handle,
    });
    const events = [removedEvent(fileRemoved({ fileId: 'a' })), removedEvent(fileRemoved({ fileId: 'b' }))];
    const response: SqsBatchResponse = await handler(sqsBatch(events), lambdaContext('content-batch-ok'));
    expect(response).toEqual({ batchItemFailures: [] });
    expect(handle.mock.calls.map((c) => (c[0] as { data: { fileId: string } }).data.fileId)).toEqual([
      'a',
      'b',
    ]);
  });

  it('reports exactly the failed records: a throwing handle, invalid events and a body that is not JSON', async () => {
    const handle = vi.fn(async (event: { data: { fileId: string } }) => {
      if (event.data.fileId === 'boom') throw new Error('database busy');
    });
    const handler = eventHandler({
      repeats: onceByEventId(),
      events: ['drive.file_removed'],
      publisher: publisher(),
      handle,
    });
    const batch = sqsBatch([
      removedEvent(fileRemoved({ fileId: 'fine' })),
      removedEvent(fileRemoved({ fileId: 'boom' })),
      removedEvent(fileRemoved({ fileId: '' })),
      eventBridgeEvent({ name: 'drive.file_removed', source: 'soleil.content', data: fileRemoved() }),
      'not json',
      removedEvent(fileRemoved({ fileId: 'also-fine' })),
    ]);
    const response = await handler(batch, lambdaContext('content-batch-mixed'));
    const ids = batch.Records.map((r) => r.messageId);
    expect(response.batchItemFailures).toEqual([1, 2, 3, 4].map((i) => ({ itemIdentifier: ids[i] })));
    expect(handle.mock.calls.map((c) => c[0].data.fileId)).toEqual(['fine', 'boom', 'also-fine']);
  });

  it('skips a record whose platform event id was already handled, and retries one that failed', async () => {
    const handle = vi.fn().mockRejectedValueOnce(new Error('database busy')).mockResolvedValue(undefined);
    const handler = eventHandler({
      repeats: onceByEventId(),
      events: ['drive.file_removed'],
      publisher: publisher(),
      handle,
    });
    const event = removedEvent();
    const first = await handler(sqsBatch([event]), lambdaContext('content-batch-retry'));
    expect(first.batchItemFailures).toHaveLength(1);
    const second = await handler(sqsBatch([event], 2), lambdaContext('content-batch-retry'));
    expect(second.batchItemFailures).toEqual([]);
    // EventBridge may put the same event on the queue twice (its own id differs): handled once.
    const third = await handler(
      sqsBatch([{ ...event, id: crypto.randomUUID() }]),
      lambdaContext('content-batch-retry'),
    );
    expect(third.batchItemFailures).toEqual([]);
    expect(handle).toHaveBeenCalledTimes(2);
  });

  it("publishes reactions from a record bound to that record's event", async () => {
    const handler = eventHandler({
      repeats: onceByEventId(),
      events: ['drive.file_removed'],
      publisher: publisher(),
      handle: async ({ data, publish }) => {
        await publish('content.deleted', contentDeleted({ bandId: data.bandId, fileId: data.fileId }));
      },
    });
    const event = eventBridgeEvent({
      name: 'drive.file_removed',
      source: 'soleil.drive',
      data: fileRemoved({ bandId: 'band-9' }),
      metadata: { hop: 2, bandId: 'band-9', correlationId: 'chain-sqs' },
    });
    const response = await handler(sqsBatch([event]), lambdaContext('content-batch-react'));
    expect(response.batchItemFailures).toEqual([]);
    const entries = eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries ?? [];
    expect(JSON.parse(entries[0]?.Detail ?? '').metadata).toMatchObject({
      causationId: event.detail.metadata.eventId,
      correlationId: 'chain-sqs',
      hop: 3,
    });
  });

  it('reports each reaction (outcome, timing, service calls) and makes what the handler commits elsewhere caused by the event', async () => {
    const reports: ReactionReport[] = [];
    const outboxed: { causationId?: unknown; hop?: unknown; correlationId?: unknown }[] = [];
    const handler = eventHandler({
      repeats: onceByEventId(),
      events: ['drive.file_removed'],
      publisher: publisher(),
      reactionReporter: { report: async (r) => void reports.push(...r) },
      handle: async ({ data }) => {
        // What a use case does without seeing the event: an outbox event, a service call, a plain publish.
        outboxed.push(
          outboxEvent('content.deleted', contentDeleted({ bandId: data.bandId }), {}, new Date()).options ??
            {},
        );
        recordServiceCall({
          module: 'drive',
          service: 'library_service',
          operation: 'listFiles',
          outcome: 'ok',
          startedAt: new Date().toISOString(),
          durationMs: 3,
        });
        if (data.fileId === 'fails') throw new Error('boom');
      },
    });
    const ok = eventBridgeEvent({
      name: 'drive.file_removed',
      source: 'soleil.drive',
      data: fileRemoved({ bandId: 'band-7' }),
      metadata: { hop: 4, bandId: 'band-7', correlationId: 'chain-report' },
    });
    const failing = eventBridgeEvent({
      name: 'drive.file_removed',
      source: 'soleil.drive',
      data: fileRemoved({ bandId: 'band-7', fileId: 'fails' }),
      metadata: { bandId: 'band-7', correlationId: 'chain-report' },
    });
    const response = await handler(sqsBatch([ok, failing]), lambdaContext('content-reports'));
    expect(response.batchItemFailures).toHaveLength(1);
    expect(outboxed[0]).toMatchObject({
      causationId: ok.detail.metadata.eventId,
      hop: 5,
      correlationId: 'chain-report',
    });
    expect(reports.map((r) => [r.eventId, r.outcome, r.module, r.calls.length])).toEqual([
      [ok.detail.metadata.eventId, 'ok', 'content', 1],
      [failing.detail.metadata.eventId, 'failed', 'content', 1],
    ]);
    expect(reports[1]?.error).toBe('Error');
    // Outside a reaction nothing is caused by an event any more.
    expect(outboxEvent('content.deleted', contentDeleted(), {}, new Date()).options).not.toHaveProperty(
      'causationId',
    );
  });

  it("reports each hop's stages: when the queue got and handed out the record, and the DynamoDB requests made", async () => {
    const reports: ReactionReport[] = [];
    const documents = documentClient(storageClient());
    const handler = eventHandler({
      repeats: onceByEventId(),
      events: ['drive.file_removed'],
      publisher: publisher(),
      reactionReporter: { report: async (r) => void reports.push(...r) },
      handle: async ({ data }) => {
        // A store read through the kit's client; the second record's handler touches no table itself.
        if (data.fileId === 'reads')
          await documents.send(new GetCommand({ TableName: TABLE, Key: { id: 'x' } }));
      },
    });
    const sentAt = Date.parse('2026-11-30T10:00:00.000Z');
    const batch = sqsBatch([removedEvent(fileRemoved({ fileId: 'reads' })), removedEvent()], 1, {
      SentTimestamp: String(sentAt),
      ApproximateFirstReceiveTimestamp: String(sentAt + 7),
    });
    await handler(batch, lambdaContext('content-stages'));
    expect(reports.map((r) => [r.queuedAt, r.receivedAt])).toEqual([
      ['2026-11-30T10:00:00.000Z', '2026-11-30T10:00:00.007Z'],
      ['2026-11-30T10:00:00.000Z', '2026-11-30T10:00:00.007Z'],
    ]);
    const [reading, idle] = reports.map((r) => r.storage);
    // Each reaction's idempotency record (in progress, then done) is DynamoDB time too.
    expect(idle?.calls).toBeGreaterThanOrEqual(2);
    expect(reading?.calls).toBe((idle?.calls ?? 0) + 1);
    expect(reading?.durationMs).toBeGreaterThan(0);
    // A direct invocation has no queue: no queue times, still its DynamoDB time.
    reports.length = 0;
    await handler(removedEvent(), lambdaContext('content-stages'));
    expect(reports[0]).not.toHaveProperty('queuedAt');
    expect(reports[0]?.storage?.calls).toBeGreaterThanOrEqual(2);
  });

  it('coalesces a batch by key: only the newest event of each key runs, the older ones are acknowledged as superseded', async () => {
    const reports: ReactionReport[] = [];
    const handled: string[] = [];
    const handler = eventHandler({
      events: ['drive.file_removed'],
      publisher: publisher(),
      repeats: 'handler',
      reactionReporter: { report: async (r) => void reports.push(...r) },
      coalesceBy: ({ data }) => data.fileId,
      handle: async ({ data, metadata }) => {
        if (data.name === 'boom') throw new Error('database busy');
        handled.push(`${data.fileId}@${metadata.occurredAt.slice(11, 19)}`);
      },
    });
    const at = (time: string, data: ReturnType<typeof fileRemoved>) =>
      eventBridgeEvent({
        name: 'drive.file_removed',
        source: 'soleil.drive',
        data,
        metadata: { occurredAt: `2026-11-30T10:00:${time}.000Z` },
      });
    const batch = sqsBatch([
      at('03', fileRemoved({ fileId: 'a', name: 'A3.pdf' })),
      at('01', fileRemoved({ fileId: 'b' })),
      // Older than the first record of its key, though later in the batch: superseded all the same.
      at('02', fileRemoved({ fileId: 'a', name: 'A2.pdf' })),
      // Not readable: never coalesced, it fails as it would alone.
      'not json',
      at('05', fileRemoved({ fileId: 'c', name: 'boom' })),
      at('04', fileRemoved({ fileId: 'c' })),
      // Same time as the first of its key: the later one in the batch wins.
      at('03', fileRemoved({ fileId: 'a', name: 'A3-again.pdf' })),
    ]);
    const ids = batch.Records.map((r) => r.messageId);
    const response = await handler(batch, lambdaContext('content-coalesce'));
    expect(handled).toEqual(['b@10:00:01', 'a@10:00:03']);
    // The newest of `c` failed: it returns to the queue and carries the key's meaning; the older `c` is done.
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([ids[3], ids[4]]);
    expect(reports.map((r) => r.outcome)).toEqual([
      'superseded',
      'ok',
      'superseded',
      'failed',
      'superseded',
      'ok',
    ]);
    // A superseded record is reported under the same function as the handled ones.
    expect(new Set(reports.map((r) => r.functionId))).toEqual(new Set(['content-coalesce']));
    // Without a key, every record of a batch runs, as before.
    handled.length = 0;
    const plain = eventHandler({
      events: ['drive.file_removed'],
      publisher: publisher(),
      repeats: 'handler',
      reactionReporter: null,
      handle: async ({ data }) => void handled.push(data.fileId),
    });
    await plain(
      sqsBatch([at('01', fileRemoved({ fileId: 'a' })), at('02', fileRemoved({ fileId: 'a' }))]),
      lambdaContext('content-coalesce'),
    );
    expect(handled).toEqual(['a', 'a']);
  });

  it('reports a repeat as a duplicate, and a report that fails does not fail the batch', async () => {
    const outcomes: string[] = [];
    let fail = false;
    const handler = eventHandler({
      repeats: onceByEventId(),
      events: ['drive.file_removed'],
      publisher: publisher(),
      reactionReporter: {
        report: async (r) => {
          outcomes.push(...r.map((x) => x.outcome));
          if (fail) throw new Error('trace down');
        },
      },
      handle: async () => {},
    });
    const event = eventBridgeEvent({
      name: 'drive.file_removed',
      source: 'soleil.drive',
      data: fileRemoved(),
    });
    await handler(sqsBatch([event]), lambdaContext('content-dup'));
    fail = true;
    const again = await handler(sqsBatch([event]), lambdaContext('content-dup'));
    expect(again.batchItemFailures).toEqual([]);
    expect(outcomes).toEqual(['ok', 'duplicate']);
  });
});
