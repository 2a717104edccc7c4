import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalAwsEndpoint } from '../../../../../infra/local/aws/LocalAwsEndpoint.ts';
import { DeadLetterStore } from '../../../../../infra/local/deadLetters/DeadLetterStore.ts';
import { EventArchive } from '../../../../../infra/local/events/EventArchive.ts';
import { EventRouter } from '../../../../../infra/local/events/EventRouter.ts';
import { RetryPolicy } from '../../../../../infra/local/events/RetryPolicy.ts';
import { signedAwsRequest } from '../../../../helpers/signedAwsRequest.ts';

// Whatever a client sends, the local AWS endpoint answers as a service would: a result or a 4xx, never a
// 5xx (which here only ever meant a JavaScript error reached the answer).

const router = new EventRouter({
  rules: [
    {
      id: 'content-onAny',
      module: 'content',
      subscriptionId: 'onAny',
      events: [],
      pattern: { source: ['soleil.drive'] },
      functionId: 'content-onAny',
      maxRetries: 0,
      maxEventAgeSeconds: 60,
    },
  ],
  invoke: async () => ({ ok: true, result: null }),
  retryPolicy: new RetryPolicy({ timeScale: 0.001 }),
  deadLetters: new DeadLetterStore(),
  archive: new EventArchive(),
});
const endpoint = new LocalAwsEndpoint({
  eventBridge: { router, rules: [], region: 'eu-west-1' },
  lambda: { invoke: async () => ({ ok: true, result: {} }), hasFunction: () => true, region: 'eu-west-1' },
  admin: { router, deadLetters: new DeadLetterStore() },
  connections: () => ({ send: () => true, info: () => undefined, disconnect: () => true }),
  log: () => undefined,
});
let port = 0;
beforeAll(async () => {
  port = (await endpoint.start(0)).port;
});
afterAll(async () => {
  await router.stop();
  await endpoint.stop();
});

const statusOf = async (path: string, body: string, headers: Record<string, string>): Promise<number> =>
  (await signedAwsRequest({ port, path, body, headers })).status;

/** An entry whose every field has its wire type, with odd values (nulls in lists, any number of seconds). */
const typedEntryArb = fc.record(
  {
    Source: fc.string({ maxLength: 20 }),
    DetailType: fc.string({ maxLength: 20 }),
    Detail: fc.oneof(fc.string({ maxLength: 30 }), fc.json({ maxDepth: 2 })),
    Resources: fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.constant(null)), { maxLength: 3 }),
    Time: fc.oneof(fc.double(), fc.integer()),
    EventBusName: fc.constantFrom('soleil-local', 'default', 'arn:aws:events:eu-west-1:1:event-bus/x'),
  },
  { requiredKeys: [] },
);

/** Entries near the real shape — each field any JSON value, or of its type — and anything at all. */
const entryArb = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  typedEntryArb,
  fc.record(
    {
      Source: fc.jsonValue({ maxDepth: 1 }),
      DetailType: fc.jsonValue({ maxDepth: 1 }),
      Detail: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.json({ maxDepth: 2 })),
      Resources: fc.jsonValue({ maxDepth: 2 }),
      Time: fc.oneof(fc.double(), fc.integer(), fc.jsonValue({ maxDepth: 1 })),
      EventBusName: fc.oneof(fc.constant('soleil-local'), fc.jsonValue({ maxDepth: 1 })),
    },
    { requiredKeys: [] },
  ),
);
const eventBridgeBody = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc
    .record({ Entries: fc.oneof(fc.array(entryArb, { maxLength: 12 }), fc.jsonValue({ maxDepth: 2 })) })
    .map((v) => JSON.stringify(v)),
  // Requests every field of which deserialises, so what follows the type check is exercised too.
  fc
    .record({ Entries: fc.array(typedEntryArb, { minLength: 1, maxLength: 3 }) })
    .map((v) => JSON.stringify(v)),
  fc
    .record(
      {
        Name: fc.jsonValue({ maxDepth: 1 }),
        Rule: fc.jsonValue({ maxDepth: 1 }),
        EventPattern: fc.jsonValue({ maxDepth: 1 }),
        Event: fc.jsonValue({ maxDepth: 1 }),
        Limit: fc.jsonValue({ maxDepth: 1 }),
        NextToken: fc.jsonValue({ maxDepth: 1 }),
        EventBusName: fc.jsonValue({ maxDepth: 1 }),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
);
const operations = [
  'PutEvents',
  'TestEventPattern',
  'ListRules',
  'DescribeRule',
  'ListTargetsByRule',
  'ListEventBuses',
] as const;

describe('LocalAwsEndpoint never answers 5xx, whatever the request (fast-check)', () => {
  it.each(operations)('EventBridge %s', async (operation) => {
    await fc.assert(
      fc.asyncProperty(eventBridgeBody, async (body) => {
        const status = await statusOf('/', body, { 'x-amz-target': `AWSEvents.${operation}` });
        expect(status, body).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });

  it('Lambda Invoke, any function name, invocation type and payload', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.oneof(fc.constantFrom('Event', 'RequestResponse', 'DryRun'), fc.string({ maxLength: 20 })),
        fc.string({ maxLength: 100 }),
        async (name, type, payload) => {
          const path = `/2015-03-31/functions/${encodeURIComponent(name).replaceAll('%25', '%')}/invocations`;
          const status = await statusOf(path, payload, {
            'x-amz-invocation-type': type.replace(/[^\x20-\x7e]/g, ''),
          });
          expect(status, `${name} ${type}`).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('@connections, any id', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 30 }), async (id) => {
        const path = `/local/@connections/${encodeURIComponent(id).replaceAll('%25', '%')}`;
        expect(await statusOf(path, 'hi', {}), id).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
  });
});
