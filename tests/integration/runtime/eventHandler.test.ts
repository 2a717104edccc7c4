import '../../helpers/quietPowertools.ts';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createMetrics,
  createPublisher,
  EventValidationError,
  eventHandler,
  HopLimitExceededError,
} from '../../../shared/runtime/index.ts';
import { contentDeleted, eventBridgeEvent, fileRemoved } from '../../helpers/eventFixtures.ts';
import { lambdaContext } from '../../helpers/httpEvents.ts';
import {
  createIdempotencyTable,
  type LocalDynamoDb,
  startLocalDynamoDb,
} from '../../helpers/localDynamoDb.ts';

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
    const handler = eventHandler({ events: ['drive.file_removed'], publisher: publisher(), handle });
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
    const handler = eventHandler({ events: ['drive.file_removed'], publisher: publisher(), handle });
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
    const handler = eventHandler({ events: ['drive.file_removed'], publisher: publisher(), handle });
    const event = eventBridgeEvent({
      name: 'drive.sync_started',
      source: 'soleil.drive',
      data: { bandId: 'band-1', syncId: 's1', trigger: 'manual', requestedBy: null },
    });
    await expect(handler(event, lambdaContext())).rejects.toBeInstanceOf(EventValidationError);
  });

  it('runs handle once for a duplicate delivery of the same event id (idempotency on DynamoDB Local)', async () => {
    const handle = vi.fn(async () => {});
    const handler = eventHandler({ events: ['drive.file_removed'], publisher: publisher(), handle });
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
    const handler = eventHandler({ events: ['drive.file_removed'], publisher: publisher(), handle });
    const event = eventBridgeEvent({
      name: 'drive.file_removed',
      source: 'soleil.drive',
      data: fileRemoved(),
    });
    await expect(handler(event, lambdaContext('content-retry'))).rejects.toThrow('database busy');
    await handler(event, lambdaContext('content-retry'));
    expect(handle).toHaveBeenCalledTimes(2);
  });

  it('keeps two subscriber functions of one module apart: each runs once', async () => {
    const first = vi.fn(async () => {});
    const second = vi.fn(async () => {});
    const a = eventHandler({ events: ['drive.file_removed'], publisher: publisher(), handle: first });
    const b = eventHandler({ events: ['drive.file_removed'], publisher: publisher(), handle: second });
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
