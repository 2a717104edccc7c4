import '../../../../helpers/quietPowertools.ts';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createPublisher,
  EventTooLargeError,
  EventValidationError,
  ForeignEventError,
  HopLimitExceededError,
  PublishFailedError,
} from '../../../../../shared/runtime/index.ts';
import { contentDeleted, systemWarning } from '../../../../helpers/eventFixtures.ts';

const eventBridge = mockClient(EventBridgeClient);
const client = new EventBridgeClient({ region: 'eu-west-1' });
const corePublisher = () =>
  createPublisher({ module: 'core', busName: 'soleil-test', client, retryBaseDelayMs: 1 });

const acceptAll = () =>
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
    FailedEntryCount: 0,
    Entries: input.Entries.map(() => ({ EventId: crypto.randomUUID() })),
  }));

const sentEntries = (call: number) =>
  eventBridge.commandCalls(PutEventsCommand)[call]?.args[0].input.Entries ?? [];

const bigHealthCheck = (detailChars: number) => ({
  status: 'ok' as const,
  checkedAt: '2025-01-01T00:00:00.000Z',
  modules: Array.from({ length: 100 }, (_, i) => ({
    name: `module-${i}`,
    version: '1.0.0',
    critical: false,
    status: 'ok' as const,
    latencyMs: 1,
    detail: 'x'.repeat(detailChars),
  })),
});

beforeEach(() => {
  eventBridge.reset();
});

describe('createPublisher', () => {
  it('sends an event with the module source, the bus, and a full envelope; returns its id', async () => {
    acceptAll();
    const id = await corePublisher().publish('system.warning', systemWarning(), { correlationId: 'corr-9' });
    const [entry] = sentEntries(0);
    expect(entry).toMatchObject({
      Source: 'soleil.core',
      DetailType: 'system.warning',
      EventBusName: 'soleil-test',
    });
    const detail = JSON.parse(entry?.Detail ?? '');
    expect(detail.data).toEqual(systemWarning());
    expect(detail.metadata).toMatchObject({
      eventId: id,
      schemaVersion: 1,
      correlationId: 'corr-9',
      causationId: null,
      hop: 0,
      producer: 'core',
    });
  });

  it('splits 11 events into two PutEvents calls of 10 and 1', async () => {
    acceptAll();
    const ids = await corePublisher().publishAll(
      Array.from({ length: 11 }, (_, i) => ({
        name: 'system.warning' as const,
        data: systemWarning(`w${i}`),
      })),
    );
    expect(ids).toHaveLength(11);
    expect(new Set(ids).size).toBe(11);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(2);
    expect(sentEntries(0)).toHaveLength(10);
    expect(sentEntries(1)).toHaveLength(1);
  });

  it('splits by the 256 KB request limit before the 10-entry limit', async () => {
    acceptAll();
    // ~100 KB each: two fit in a request, the third does not.
    await corePublisher().publishAll(
      Array.from({ length: 3 }, () => ({ name: 'system.health_check' as const, data: bigHealthCheck(900) })),
    );
    const calls = eventBridge.commandCalls(PutEventsCommand);
    expect(calls.map((c) => c.args[0].input.Entries?.length)).toEqual([2, 1]);
    for (const call of calls) {
      const bytes = (call.args[0].input.Entries ?? []).reduce(
        (sum, e) => sum + Buffer.byteLength(`${e.Source}${e.DetailType}${e.Detail}`),
        0,
      );
      expect(bytes).toBeLessThanOrEqual(256 * 1024);
    }
  });

  it('refuses a single event larger than a request', async () => {
    acceptAll();
    await expect(
      corePublisher().publish('system.health_check', {
        ...bigHealthCheck(1000),
        modules: bigHealthCheck(1000).modules.concat(
          bigHealthCheck(1000).modules,
          bigHealthCheck(1000).modules,
        ),
      }),
    ).rejects.toBeInstanceOf(EventTooLargeError);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  it('retries only the failed entry, then succeeds', async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({
        FailedEntryCount: 1,
        Entries: [
          { EventId: 'e1' },
          { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' },
          { EventId: 'e3' },
        ],
      })
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e2' }] });
    const ids = await corePublisher().publishAll(
      ['a', 'b', 'c'].map((m) => ({ name: 'system.warning' as const, data: systemWarning(m) })),
    );
    expect(ids).toHaveLength(3);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(2);
    const retried = sentEntries(1);
    expect(retried).toHaveLength(1);
    expect(JSON.parse(retried[0]?.Detail ?? '').data.message).toBe('b');
    expect(JSON.parse(retried[0]?.Detail ?? '').metadata.eventId).toBe(ids[1]);
  });

  it('throws PublishFailedError naming the entries still refused after every attempt', async () => {
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
      FailedEntryCount: input.Entries.length,
      Entries: input.Entries.map(() => ({ ErrorCode: 'InternalFailure', ErrorMessage: 'boom' })),
    }));
    const publisher = createPublisher({
      module: 'core',
      busName: 'b',
      client,
      maxAttempts: 3,
      retryBaseDelayMs: 1,
    });
    const error = await publisher.publish('system.warning', systemWarning()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishFailedError);
    expect((error as PublishFailedError).failed).toEqual([
      expect.objectContaining({ name: 'system.warning', errorCode: 'InternalFailure' }),
    ]);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(3);
  });

  it('refuses hop 17 with HopLimitExceededError and accepts hop 16', async () => {
    acceptAll();
    await expect(
      corePublisher().publish('system.warning', systemWarning(), { hop: 17 }),
    ).rejects.toBeInstanceOf(HopLimitExceededError);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
    await corePublisher().publish('system.warning', systemWarning(), { hop: 16 });
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(1);
  });

  it('refuses an event another module owns', async () => {
    await expect(
      corePublisher().publish('content.deleted', contentDeleted(), { bandId: 'band-1' }),
    ).rejects.toBeInstanceOf(ForeignEventError);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  it('refuses invalid data before sending anything, even when other events in the batch are valid', async () => {
    const publisher = corePublisher();
    const error = await publisher
      .publishAll([
        { name: 'system.warning', data: systemWarning() },
        { name: 'system.warning', data: { ...systemWarning(), code: '' } },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventValidationError);
    expect((error as EventValidationError).issues.map((i) => i.path)).toContain('data.code');
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  it('takes the band of a band-scoped event from its data, and refuses metadata naming another band', async () => {
    acceptAll();
    const content = createPublisher({ module: 'content', busName: 'b', client });
    await expect(
      content.publish('content.deleted', contentDeleted(), { bandId: 'band-2' }),
    ).rejects.toBeInstanceOf(EventValidationError);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
    await content.publish('content.deleted', contentDeleted());
    expect(JSON.parse(sentEntries(0)[0]?.Detail ?? '').metadata.bandId).toBe('band-1');
  });

  it('reads module and bus from the environment when not given', async () => {
    acceptAll();
    process.env.SOLEIL_MODULE = 'core';
    process.env.SOLEIL_EVENT_BUS_NAME = 'env-bus';
    try {
      await createPublisher({ client }).publish('system.warning', systemWarning());
      expect(sentEntries(0)[0]).toMatchObject({ EventBusName: 'env-bus', Source: 'soleil.core' });
    } finally {
      delete process.env.SOLEIL_MODULE;
      delete process.env.SOLEIL_EVENT_BUS_NAME;
    }
  });
});
