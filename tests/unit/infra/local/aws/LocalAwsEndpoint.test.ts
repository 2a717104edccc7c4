import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import {
  DescribeRuleCommand,
  EventBridgeClient,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalAwsEndpoint } from '../../../../../infra/local/aws/LocalAwsEndpoint.ts';
import { localAwsFetch } from '../../../../../infra/local/aws/localAwsFetch.ts';
import { DeadLetterStore } from '../../../../../infra/local/deadLetters/DeadLetterStore.ts';
import { EventArchive } from '../../../../../infra/local/events/EventArchive.ts';
import { EventRouter } from '../../../../../infra/local/events/EventRouter.ts';
import { RetryPolicy } from '../../../../../infra/local/events/RetryPolicy.ts';
import type { BusEvent } from '../../../../../infra/local/shared/BusEvent.ts';
import type { InvokeFunction } from '../../../../../infra/local/shared/InvocationResult.ts';
import type { ConnectionRegistry } from '../../../../../infra/local/websocket/ConnectionRegistry.ts';
import type { RuleModel } from '../../../../../shared/platformModel/PlatformModel.ts';

const region = 'eu-west-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

const rules: RuleModel[] = [
  {
    id: 'content-onFileAdded',
    module: 'content',
    subscriptionId: 'onFileAdded',
    events: ['drive.file_added'],
    pattern: { source: ['soleil.drive'], 'detail-type': ['drive.file_added'] },
    functionId: 'content-onFileAdded',
    maxRetries: 0,
    maxEventAgeSeconds: 60,
  },
];

const delivered: BusEvent[] = [];
const invoke: InvokeFunction = async (functionId, event) => {
  if (functionId === 'content-onFileAdded') {
    // Subscribers receive the event as AWS delivers it through the subscription's queue: a batch of SQS records.
    const batch = event as { Records: { body: string }[] };
    for (const record of batch.Records) delivered.push(JSON.parse(record.body) as BusEvent);
    return { ok: true, result: null };
  }
  if (functionId === 'auth-fails')
    return { ok: false, errorType: 'TeapotError', errorMessage: 'short and stout' };
  return { ok: true, result: { echoed: event } };
};

const sent: { id: string; data: string }[] = [];
const registry: ConnectionRegistry = {
  send: (id, data) => {
    if (id !== 'abc=') return false;
    sent.push({ id, data: Buffer.from(data).toString('utf8') });
    return true;
  },
  info: (id) =>
    id === 'abc='
      ? {
          connectedAt: '2026-01-01T10:00:00.000Z',
          lastActiveAt: '2026-01-01T10:05:00.000Z',
          sourceIp: '127.0.0.1',
          userAgent: 'vitest',
        }
      : undefined,
  disconnect: (id) => id === 'abc=',
};

const router = new EventRouter({
  rules,
  invoke,
  retryPolicy: new RetryPolicy({ timeScale: 0.001 }),
  deadLetters: new DeadLetterStore(),
  archive: new EventArchive(),
});
const endpoint = new LocalAwsEndpoint({
  eventBridge: { router, rules, region },
  lambda: { invoke, hasFunction: (id) => ['auth-echo', 'auth-fails'].includes(id), region },
  admin: { router, deadLetters: new DeadLetterStore() },
  connections: () => registry,
});
let url = '';
let events: EventBridgeClient;
let lambda: LambdaClient;
let management: ApiGatewayManagementApiClient;

beforeAll(async () => {
  url = (await endpoint.start(0)).url;
  events = new EventBridgeClient({ endpoint: url, region, credentials });
  lambda = new LambdaClient({ endpoint: url, region, credentials });
  management = new ApiGatewayManagementApiClient({ endpoint: `${url}/local`, region, credentials });
});

afterAll(async () => {
  for (const client of [events, lambda, management]) client.destroy();
  router.stop();
  await endpoint.stop();
});

const entry = (detail: unknown = { hello: 'band' }) => ({
  Source: 'soleil.drive',
  DetailType: 'drive.file_added',
  Detail: JSON.stringify(detail),
  EventBusName: 'soleil-local',
});

describe('LocalAwsEndpoint: EventBridge', () => {
  it('accepts PutEvents from the SDK and routes the events', async () => {
    const result = await events.send(new PutEventsCommand({ Entries: [entry(), entry()] }));
    expect(result.FailedEntryCount).toBe(0);
    expect(result.Entries?.every((e) => typeof e.EventId === 'string')).toBe(true);
    await router.idle();
    expect(delivered.map((e) => e.id)).toEqual(result.Entries?.map((e) => e.EventId));
    expect(delivered[0]).toMatchObject({
      version: '0',
      source: 'soleil.drive',
      'detail-type': 'drive.file_added',
      account: '000000000000',
      region,
      detail: { hello: 'band' },
    });
    expect(delivered[0]?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('refuses more than 10 entries with a ValidationException', async () => {
    const entries = Array.from({ length: 11 }, () => entry());
    await expect(events.send(new PutEventsCommand({ Entries: entries }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('less than or equal to 10'),
    });
  });

  it('fails a malformed entry alone, with per-entry error codes; takes entries past the old 256 KB', async () => {
    const big = entry({ blob: 'x'.repeat(300 * 1024) });
    const { Source: _omitted, ...sourceless } = entry();
    const result = await events.send(
      new PutEventsCommand({ Entries: [sourceless, big, { ...entry(), Detail: '[1,2]' }] }),
    );
    expect(result.FailedEntryCount).toBe(2);
    expect(result.Entries?.[0]).toMatchObject({ ErrorCode: 'InvalidArgument' });
    expect(result.Entries?.[1]?.EventId).toBeDefined();
    expect(result.Entries?.[2]).toMatchObject({ ErrorCode: 'MalformedDetail' });
  });

  it('answers TestEventPattern, and InvalidEventPatternException for a bad pattern', async () => {
    const event = JSON.stringify({
      id: '1',
      account: '000000000000',
      source: 'soleil.drive',
      time: '2026-01-01T00:00:00Z',
      region,
      'detail-type': 'drive.file_added',
      resources: [],
      detail: { size: 12 },
    });
    const matching = JSON.stringify({ detail: { size: [{ numeric: ['>', 10] }] } });
    const other = JSON.stringify({ source: ['soleil.auth'] });
    expect(
      (await events.send(new TestEventPatternCommand({ EventPattern: matching, Event: event }))).Result,
    ).toBe(true);
    expect(
      (await events.send(new TestEventPatternCommand({ EventPattern: other, Event: event }))).Result,
    ).toBe(false);
    await expect(
      events.send(new TestEventPatternCommand({ EventPattern: '{"source":"soleil.drive"}', Event: event })),
    ).rejects.toMatchObject({ name: 'InvalidEventPatternException' });
  });

  it('lists and describes the rules of the model', async () => {
    const listed = await events.send(new ListRulesCommand({ EventBusName: 'soleil-local' }));
    expect(listed.Rules?.map((r) => r.Name)).toEqual(['content-onFileAdded']);
    const described = await events.send(
      new DescribeRuleCommand({ Name: 'content-onFileAdded', EventBusName: 'soleil-local' }),
    );
    expect(JSON.parse(described.EventPattern ?? '{}')).toEqual(rules[0]?.pattern);
    await expect(events.send(new DescribeRuleCommand({ Name: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

describe('LocalAwsEndpoint: event buses, as AWS resolves EventBusName', () => {
  it('routes by the platform bus name or ARN; accepts and drops default and unknown buses, as AWS does', async () => {
    delivered.length = 0;
    const arn = 'arn:aws:events:eu-west-1:000000000000:event-bus/soleil-local';
    const result = await events.send(
      new PutEventsCommand({
        Entries: [
          { ...entry({ n: 'arn' }), EventBusName: arn },
          { ...entry({ n: 'omitted' }), EventBusName: undefined },
          { ...entry({ n: 'default' }), EventBusName: 'default' },
          { ...entry({ n: 'typo' }), EventBusName: 'soleil-lcoal' },
          { ...entry({ n: 'other-account' }), EventBusName: arn.replace('000000000000', '111111111111') },
        ],
      }),
    );
    // EventBridge user guide: an event for a bus that does not exist gets an id, and is dropped.
    expect(result.FailedEntryCount).toBe(0);
    expect(result.Entries?.every((e) => typeof e.EventId === 'string')).toBe(true);
    await router.idle();
    expect(delivered.map((e) => e.detail)).toEqual([{ n: 'arn' }]);
  });

  it('lists no rule on the default bus and refuses an unknown bus with ResourceNotFoundException', async () => {
    expect((await events.send(new ListRulesCommand({}))).Rules).toEqual([]);
    await expect(events.send(new DescribeRuleCommand({ Name: 'content-onFileAdded' }))).rejects.toMatchObject(
      {
        name: 'ResourceNotFoundException',
        message: 'Rule content-onFileAdded does not exist on EventBus default.',
      },
    );
    await expect(events.send(new ListRulesCommand({ EventBusName: 'ghost-bus' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Event bus ghost-bus does not exist.',
    });
  });
});

describe('LocalAwsEndpoint: inspecting the bus', () => {
  it("lists the bus and a rule's target with its retry policy", async () => {
    const buses = await events.send(new ListEventBusesCommand({}));
    expect(buses.EventBuses?.map((b) => b.Name)).toEqual(['default', 'soleil-local']);
    const targets = await events.send(
      new ListTargetsByRuleCommand({ Rule: 'content-onFileAdded', EventBusName: 'soleil-local' }),
    );
    expect(targets.Targets?.[0]).toMatchObject({
      Id: 'content-onFileAdded',
      Arn: 'arn:aws:lambda:eu-west-1:000000000000:function:content-onFileAdded',
      RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
    });
  });

  it('replays an archive window through the local admin route', async () => {
    const from = new Date().toISOString();
    await events.send(new PutEventsCommand({ Entries: [entry({ replayed: true })] }));
    await router.idle();
    delivered.length = 0;
    const response = await localAwsFetch(`${url}/_soleil/replay`, {
      body: JSON.stringify({ from, name: 'again' }),
    });
    expect(await response.json()).toEqual({ replayed: 1, name: 'again' });
    await router.idle();
    expect(delivered.map((e) => [e.detail, e['replay-name']])).toEqual([[{ replayed: true }, 'again']]);
  });
});

describe('LocalAwsEndpoint: Lambda Invoke', () => {
  const payload = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  const decode = (bytes: Uint8Array | undefined) => JSON.parse(new TextDecoder().decode(bytes));

  it('invokes by name or ARN and returns the payload', async () => {
    const byName = await lambda.send(
      new InvokeCommand({ FunctionName: 'auth-echo', Payload: payload({ a: 1 }) }),
    );
    expect(byName.StatusCode).toBe(200);
    expect(byName.FunctionError).toBeUndefined();
    expect(decode(byName.Payload)).toEqual({ echoed: { a: 1 } });
    const arn = 'arn:aws:lambda:eu-west-1:000000000000:function:auth-echo';
    const byArn = await lambda.send(new InvokeCommand({ FunctionName: arn, Payload: payload({ b: 2 }) }));
    expect(decode(byArn.Payload)).toEqual({ echoed: { b: 2 } });
  });

  it('reports a function error with FunctionError: Unhandled', async () => {
    const result = await lambda.send(new InvokeCommand({ FunctionName: 'auth-fails', Payload: payload({}) }));
    expect(result.FunctionError).toBe('Unhandled');
    expect(decode(result.Payload)).toMatchObject({
      errorType: 'TeapotError',
      errorMessage: 'short and stout',
    });
  });

  it('answers 202 to an Event invocation and 404 for an unknown function', async () => {
    const result = await lambda.send(
      new InvokeCommand({ FunctionName: 'auth-echo', InvocationType: 'Event', Payload: payload({}) }),
    );
    expect(result.StatusCode).toBe(202);
    await expect(lambda.send(new InvokeCommand({ FunctionName: 'ghost' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });
});

describe('LocalAwsEndpoint: @connections', () => {
  it('posts to, inspects and deletes a connection', async () => {
    await management.send(new PostToConnectionCommand({ ConnectionId: 'abc=', Data: 'hello band' }));
    expect(sent).toEqual([{ id: 'abc=', data: 'hello band' }]);
    const info = await management.send(new GetConnectionCommand({ ConnectionId: 'abc=' }));
    expect(info.ConnectedAt?.toISOString()).toBe('2026-01-01T10:00:00.000Z');
    expect(info.Identity).toEqual({ SourceIp: '127.0.0.1', UserAgent: 'vitest' });
    const deleted = await management.send(new DeleteConnectionCommand({ ConnectionId: 'abc=' }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
  });

  it('answers 410 GoneException for an unknown connection', async () => {
    await expect(
      management.send(new PostToConnectionCommand({ ConnectionId: 'gone', Data: 'x' })),
    ).rejects.toMatchObject({
      name: 'GoneException',
      $metadata: { httpStatusCode: 410 },
    });
    await expect(management.send(new GetConnectionCommand({ ConnectionId: 'gone' }))).rejects.toMatchObject({
      name: 'GoneException',
    });
  });
});
