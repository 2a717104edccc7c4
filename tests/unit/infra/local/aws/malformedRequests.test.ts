import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalAwsEndpoint } from '../../../../../infra/local/aws/LocalAwsEndpoint.ts';
import { DeadLetterStore } from '../../../../../infra/local/deadLetters/DeadLetterStore.ts';
import { EventArchive } from '../../../../../infra/local/events/EventArchive.ts';
import { EventRouter } from '../../../../../infra/local/events/EventRouter.ts';
import { RetryPolicy } from '../../../../../infra/local/events/RetryPolicy.ts';
import type { InvokeFunction } from '../../../../../infra/local/shared/InvocationResult.ts';
import type { ConnectionRegistry } from '../../../../../infra/local/websocket/ConnectionRegistry.ts';
import type { RuleModel } from '../../../../../shared/platformModel/PlatformModel.ts';
import { signedAwsRequest } from '../../../../helpers/signedAwsRequest.ts';

// Requests no SDK would send, each answered by AWS with a 4xx: locally they used to reach JavaScript errors
// (a 500 `InternalFailure` echoing "Cannot read properties of null"...), be accepted, or be read whole.

const rules: RuleModel[] = [
  {
    id: 'content-onFileAdded',
    module: 'content',
    subscriptionId: 'onFileAdded',
    events: ['drive.file_added'],
    pattern: { source: ['soleil.drive'] },
    functionId: 'content-onFileAdded',
    maxRetries: 0,
    maxEventAgeSeconds: 60,
  },
];
const invoked: string[] = [];
const invoke: InvokeFunction = async (functionId) => {
  invoked.push(functionId);
  return { ok: true, result: null };
};
const registry: ConnectionRegistry = {
  send: () => false,
  info: () => undefined,
  disconnect: () => false,
};
const router = new EventRouter({
  rules,
  invoke,
  retryPolicy: new RetryPolicy({ timeScale: 0.001 }),
  deadLetters: new DeadLetterStore(),
  archive: new EventArchive(),
});
const endpoint = new LocalAwsEndpoint({
  eventBridge: { router, rules, region: 'eu-west-1' },
  lambda: { invoke, hasFunction: (id) => id === 'auth-echo', region: 'eu-west-1' },
  admin: { router, deadLetters: new DeadLetterStore() },
  connections: () => registry,
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

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

const send = async (
  path: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
  method = 'POST',
): Promise<Answer> => {
  const answer = await signedAwsRequest({ port, path, body, headers, method });
  return { status: answer.status, body: answer.text === '' ? {} : JSON.parse(answer.text) };
};

const eventBridge = (operation: string, body: string): Promise<Answer> =>
  send('/', body, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': `AWSEvents.${operation}`,
  });

const entry = {
  Source: 'soleil.drive',
  DetailType: 'drive.file_added',
  Detail: '{"a":1}',
  EventBusName: 'soleil-local',
};

const expectAwsError = (answer: Answer, status: number, type: string, message?: string) => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.body.__type).toBe(type);
  if (message !== undefined) expect(answer.body.message).toBe(message);
  // Never a JavaScript error's text.
  expect(String(answer.body.message)).not.toMatch(/undefined|null \(reading|is not a function|Cannot read/);
};

describe('EventBridge JSON 1.1: malformed bodies answer as AWS does', () => {
  it('takes a null body as an empty input: every action answers a 4xx or its result, never a 500', async () => {
    expectAwsError(
      await eventBridge('PutEvents', 'null'),
      400,
      'ValidationException',
      "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null",
    );
    expect((await eventBridge('ListRules', 'null')).status).toBe(200);
    expect((await eventBridge('ListEventBuses', 'null')).status).toBe(200);
    for (const operation of ['DescribeRule', 'ListTargetsByRule', 'TestEventPattern']) {
      const answer = await eventBridge(operation, 'null');
      expect(answer.status, operation).toBe(400);
      expect(String(answer.body.message)).not.toMatch(/Cannot read|undefined/);
    }
  });

  it('refuses a body that is not a JSON object with SerializationException', async () => {
    expectAwsError(await eventBridge('PutEvents', '[1]'), 400, 'SerializationException');
    expectAwsError(await eventBridge('ListRules', '"x"'), 400, 'SerializationException');
  });

  it('refuses entries that are not structures, and members of the wrong type', async () => {
    expectAwsError(
      await eventBridge('PutEvents', '{"Entries":[null,1,"x"]}'),
      400,
      'SerializationException',
      'Unexpected field type',
    );
    expectAwsError(
      await eventBridge('PutEvents', JSON.stringify({ Entries: [{ ...entry, Resources: 'x' }] })),
      400,
      'SerializationException',
      'Unexpected field type',
    );
    expectAwsError(
      await eventBridge('PutEvents', JSON.stringify({ Entries: [{ ...entry, Source: 7 }] })),
      400,
      'SerializationException',
      'NUMBER_VALUE cannot be converted to String',
    );
    expectAwsError(
      await eventBridge('PutEvents', JSON.stringify({ Entries: [{ ...entry, Detail: { a: 1 } }] })),
      400,
      'SerializationException',
      'Start of structure or map found where not expected',
    );
    expectAwsError(
      await eventBridge('PutEvents', JSON.stringify({ Entries: [null] })),
      400,
      'ValidationException',
      "1 validation error detected: Value null at 'entries.1.member' failed to satisfy constraint: " +
        'Member must not be null',
    );
    expectAwsError(
      await eventBridge('PutEvents', JSON.stringify({ Entries: [{ ...entry, Resources: ['arn:x', null] }] })),
      400,
      'ValidationException',
      "1 validation error detected: Value null at 'entries.1.member.resources.2.member' failed to satisfy " +
        'constraint: Member must not be null',
    );
    expectAwsError(
      await eventBridge('ListRules', JSON.stringify({ Limit: '5' })),
      400,
      'SerializationException',
      'STRING_VALUE cannot be converted to Integer',
    );
  });

  it('refuses a Time that is no timestamp, and fails alone an entry whose Time no date can hold', async () => {
    expectAwsError(
      await eventBridge('PutEvents', JSON.stringify({ Entries: [{ ...entry, Time: 'yesterday' }] })),
      400,
      'SerializationException',
      'STRING_VALUE cannot be converted to Date',
    );
    const answer = await eventBridge(
      'PutEvents',
      JSON.stringify({
        Entries: [
          { ...entry, Time: 1e20 },
          { ...entry, Time: 1_767_225_600 },
        ],
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.body.FailedEntryCount).toBe(1);
    expect((answer.body.Entries as Record<string, unknown>[])[0]).toMatchObject({
      ErrorCode: 'InvalidArgument',
    });
    expect((answer.body.Entries as Record<string, unknown>[])[1]).toHaveProperty('EventId');
  });

  it('takes entries totalling 1 MiB and refuses one byte more, for the request as a whole', async () => {
    // Source, DetailType and Detail's bytes, as EventBridge counts an entry.
    const sized = (bytes: number) => {
      const fixed = Buffer.byteLength(`${entry.Source}${entry.DetailType}{"x":""}`);
      return { ...entry, Detail: `{"x":"${'a'.repeat(bytes - fixed)}"}` };
    };
    const half = 512 * 1024;
    const fits = await eventBridge('PutEvents', JSON.stringify({ Entries: [sized(half), sized(half)] }));
    expect(fits.status).toBe(200);
    expect(fits.body.FailedEntryCount).toBe(0);
    expectAwsError(
      await eventBridge('PutEvents', JSON.stringify({ Entries: [sized(half), sized(half + 1)] })),
      400,
      'ValidationException',
      'Total size of the entries in the request is over the limit.',
    );
  });
});

describe('Lambda Invoke: malformed names and invocation types', () => {
  it('refuses a function name AWS would not take, undecodable ones included, with ValidationException', async () => {
    for (const raw of ['%zz', 'bad%20name']) {
      const answer = await send(`/2015-03-31/functions/${raw}/invocations`, '{}');
      expect(answer.status, raw).toBe(400);
      expect(answer.body.__type, raw).toBe('ValidationException');
      expect(String(answer.body.message)).toMatch(
        /^1 validation error detected: Value '.+' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: /,
      );
    }
  });

  it('refuses an unknown InvocationType instead of running the function', async () => {
    invoked.length = 0;
    expectAwsError(
      await send('/2015-03-31/functions/auth-echo/invocations', '{}', { 'x-amz-invocation-type': 'Bogus' }),
      400,
      'ValidationException',
      "1 validation error detected: Value 'Bogus' at 'invocationType' failed to satisfy constraint: " +
        'Member must satisfy enum value set: [Event, RequestResponse, DryRun]',
    );
    expect(invoked).toEqual([]);
  });
});

describe('a request target that is no URL', () => {
  it('answers 400, not an internal failure (before any signature is looked at)', async () => {
    const answer = await new Promise<Answer>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: 'http://[', method: 'POST' }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
        );
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(answer.status).toBe(400);
    expect(answer.body.__type).toBe('BadRequestException');
  });
});

describe('@connections: a malformed connection id', () => {
  it('answers 400 BadRequestException for an id that does not decode', async () => {
    expectAwsError(
      await send('/local/@connections/%zz', 'hello'),
      400,
      'BadRequestException',
      'Invalid connectionId: %zz',
    );
  });
});

/**
 * Sends `declared` bytes of content-length (or chunked when omitted) but only `sent` of them, then waits for
 * the answer: an answer that comes proves the server did not wait to read the whole body.
 */
const sendPartially = (
  path: string,
  headers: Record<string, string>,
  sent: number,
  declared?: number,
): Promise<number> =>
  new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { ...headers, ...(declared === undefined ? {} : { 'content-length': String(declared) }) },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET') reject(error);
    });
    req.write(Buffer.alloc(sent, 0x61));
  });

describe('request bodies are bounded at the APIs’ own limits', () => {
  it('answers 413 to a body declared larger than the limit, before it is sent', async () => {
    const eventBridgeHeaders = { 'x-amz-target': 'AWSEvents.PutEvents' };
    expect(await sendPartially('/', eventBridgeHeaders, 1024, 300 * 1024 * 1024)).toBe(413);
    expect(
      await sendPartially('/2015-03-31/functions/auth-echo/invocations', {}, 1024, 6 * 1024 * 1024 + 1),
    ).toBe(413);
    expect(
      await sendPartially(
        '/2015-03-31/functions/auth-echo/invocations',
        { 'x-amz-invocation-type': 'Event' },
        1024,
        1024 * 1024 + 1,
      ),
    ).toBe(413);
  });

  it('answers 413 as soon as a streamed body passes the limit, without waiting for its end', async () => {
    expect(
      await sendPartially('/', { 'x-amz-target': 'AWSEvents.PutEvents' }, 2 * 1024 * 1024 + 64 * 1024 + 1),
    ).toBe(413);
    expect(await sendPartially('/local/@connections/abc', {}, 128 * 1024 + 1)).toBe(413);
  });

  it('still takes a synchronous invocation of up to 6 MB', async () => {
    const answer = await send(
      '/2015-03-31/functions/auth-echo/invocations',
      JSON.stringify({ x: 'a'.repeat(5 * 1024 * 1024) }),
    );
    expect(answer.status).toBe(200);
  });
});
