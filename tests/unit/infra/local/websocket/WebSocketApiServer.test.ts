import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocketApiServer } from '../../../../../infra/local/websocket/WebSocketApiServer.ts';
import { edgeTestModel, fail, fakeInvoke } from '../http/edgeTestModel.ts';
import type { TestSocket } from './openTestSocket.ts';
import { openTestSocket } from './openTestSocket.ts';

const allow = (principalId: string) => ({
  principalId,
  policyDocument: {
    Version: '2012-10-17',
    Statement: [
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws:execute-api:*:*:*/*/$connect' },
    ],
  },
  context: { identity: '{"userId":"u1"}', bands: 2 },
});

const fake = fakeInvoke({
  'auth-authorize': (event) => {
    const token = (event as { queryStringParameters: { token?: string } | null }).queryStringParameters
      ?.token;
    if (token === 'good') return allow('u1');
    if (token === 'expired') return fail('Error', 'Unauthorized');
    return {
      ...allow('u2'),
      policyDocument: { Statement: [{ Action: '*', Effect: 'Deny', Resource: '*' }] },
    };
  },
  'sync-connect': (event) => {
    const query = (event as { queryStringParameters?: { band?: string } }).queryStringParameters;
    return query?.band === 'closed' ? { statusCode: 403 } : { statusCode: 200 };
  },
  'sync-disconnect': () => ({ statusCode: 200 }),
  'sync-join': (event) => ({ statusCode: 200, body: `joined ${(event as { body: string }).body}` }),
  'sync-default': () => ({ statusCode: 200 }),
  'sync-broken': () => fail('Error', 'boom'),
});

const model = edgeTestModel({
  authorizerFunctionId: 'auth-authorize',
  webSocketRoutes: [
    { routeKey: '$connect', functionId: 'sync-connect' },
    { routeKey: '$disconnect', functionId: 'sync-disconnect' },
    { routeKey: '$default', functionId: 'sync-default' },
    { routeKey: 'join', functionId: 'sync-join' },
    { routeKey: 'broken', functionId: 'sync-broken' },
  ],
});

const server = new WebSocketApiServer({
  model,
  invoke: fake.invoke,
  port: 0,
  authorizerFunctionId: 'auth-authorize',
});
let port = 0;
const sockets: TestSocket[] = [];
const connect = async (path = '/?token=good', headers: Record<string, string> = {}) => {
  const socket = await openTestSocket(port, path, headers);
  sockets.push(socket);
  return socket;
};
const eventsOf = (functionId: string) =>
  fake.calls.filter((c) => c.functionId === functionId).map((c) => c.event);

beforeAll(async () => {
  ({ port } = await server.start());
});
afterAll(() => server.stop());
beforeEach(() => {
  fake.calls.length = 0;
});
afterEach(async () => {
  // Let each test's $disconnect land before the next test clears the recorded calls.
  await Promise.all(
    sockets.splice(0).map((socket) => {
      socket.ws.terminate();
      return socket.closed;
    }),
  );
  await vi.waitFor(() => expect(server.connectionIds()).toEqual([]));
});

describe('WebSocketApiServer $connect', () => {
  it('runs the REQUEST authorizer with the token, then $connect with the authorizer context', async () => {
    await connect('/?token=good&band=b1', { 'User-Agent': 'vitest-ws', 'X-Custom': 'yes' });
    const [authorizerEvent] = eventsOf('auth-authorize');
    expect(authorizerEvent).toMatchObject({
      type: 'REQUEST',
      methodArn: expect.stringMatching(/^arn:aws:execute-api:[^:]+:\d{12}:[^/]+\/local\/\$connect$/),
      queryStringParameters: { token: 'good', band: 'b1' },
      multiValueQueryStringParameters: { token: ['good'], band: ['b1'] },
      stageVariables: {},
      requestContext: { routeKey: '$connect', eventType: 'CONNECT', messageDirection: 'IN', stage: 'local' },
    });
    expect(authorizerEvent.headers['X-Custom']).toBe('yes');
    expect(authorizerEvent.requestContext).not.toHaveProperty('authorizer');

    const [connectEvent] = eventsOf('sync-connect');
    expect(connectEvent).toMatchObject({
      isBase64Encoded: false,
      queryStringParameters: { token: 'good', band: 'b1' },
      requestContext: {
        routeKey: '$connect',
        eventType: 'CONNECT',
        connectionId: expect.stringMatching(/^[A-Za-z0-9_-]{15}=$/),
        connectedAt: expect.any(Number),
        requestTimeEpoch: expect.any(Number),
        domainName: '127.0.0.1',
        stage: 'local',
        apiId: expect.any(String),
        identity: { sourceIp: '127.0.0.1', userAgent: 'vitest-ws' },
        authorizer: {
          principalId: 'u1',
          identity: '{"userId":"u1"}',
          bands: 2,
          integrationLatency: expect.any(Number),
        },
      },
    });
    expect(connectEvent.requestContext.connectionId).toBe(authorizerEvent.requestContext.connectionId);
    expect(server.connectionIds()).toContain(connectEvent.requestContext.connectionId);
  });

  it('refuses with 401 and no authorizer call when the token is missing', async () => {
    await expect(openTestSocket(port, '/')).rejects.toThrow('status 401');
    expect(fake.calls).toHaveLength(0);
  });

  it('refuses with 403 on a Deny policy and 401 on an Unauthorized error, without running $connect', async () => {
    await expect(openTestSocket(port, '/?token=other')).rejects.toThrow('status 403');
    await expect(openTestSocket(port, '/?token=expired')).rejects.toThrow('status 401');
    expect(eventsOf('sync-connect')).toHaveLength(0);
  });

  it('refuses when the $connect function answers a non-2xx status', async () => {
    await expect(openTestSocket(port, '/?token=good&band=closed')).rejects.toThrow('status 403');
  });

  it('refuses every $connect with 401 when the platform has no authorizer, as the HTTP edge does', async () => {
    const closed = new WebSocketApiServer({
      model,
      invoke: fake.invoke,
      port: 0,
      authorizerFunctionId: null,
    });
    const { port: closedPort } = await closed.start();
    try {
      await expect(openTestSocket(closedPort, '/')).rejects.toThrow('status 401');
      await expect(openTestSocket(closedPort, '/?token=good')).rejects.toThrow('status 401');
      expect(fake.calls).toHaveLength(0);
      expect(closed.connectionIds()).toEqual([]);
    } finally {
      await closed.stop();
    }
  });

  it('accepts everyone without an authorizer only when told to allow unauthenticated connections', async () => {
    const open = new WebSocketApiServer({
      model,
      invoke: fake.invoke,
      port: 0,
      authorizerFunctionId: null,
      allowUnauthenticated: true,
    });
    const { port: openPort } = await open.start();
    try {
      const socket = await openTestSocket(openPort, '/');
      expect(eventsOf('auth-authorize')).toHaveLength(0);
      expect(eventsOf('sync-connect')[0].requestContext).not.toHaveProperty('authorizer');
      socket.ws.close();
      await socket.closed;
    } finally {
      await open.stop();
    }
  });
});

describe('WebSocketApiServer messages', () => {
  it('routes by $request.body.action and sends the route response back', async () => {
    const socket = await connect();
    socket.ws.send('{"action":"join","band":"b1"}');
    await vi.waitFor(() => expect(socket.received).toEqual(['joined {"action":"join","band":"b1"}']));
    const [event] = eventsOf('sync-join');
    expect(event).toMatchObject({
      body: '{"action":"join","band":"b1"}',
      isBase64Encoded: false,
      requestContext: {
        routeKey: 'join',
        eventType: 'MESSAGE',
        messageId: expect.any(String),
        authorizer: { principalId: 'u1', identity: '{"userId":"u1"}' },
      },
    });
  });

  it('sends unknown actions, non-JSON and binary messages to $default', async () => {
    const socket = await connect();
    socket.ws.send('{"action":"nope"}');
    socket.ws.send('plain text');
    socket.ws.send(Buffer.from([0xff, 0x00]), { binary: true });
    await vi.waitFor(() => expect(eventsOf('sync-default')).toHaveLength(3));
    const bodies = eventsOf('sync-default').map((e) => [e.body, e.isBase64Encoded]);
    expect(bodies).toEqual(
      expect.arrayContaining([
        ['{"action":"nope"}', false],
        ['plain text', false],
        [Buffer.from([0xff, 0x00]).toString('base64'), true],
      ]),
    );
    expect(eventsOf('sync-join')).toHaveLength(0);
    expect(socket.received).toEqual([]);
  });

  it('answers Internal server error when the route function fails', async () => {
    const socket = await connect();
    socket.ws.send('{"action":"broken"}');
    await vi.waitFor(() => expect(socket.received).toHaveLength(1));
    expect(JSON.parse(socket.received[0] ?? '')).toMatchObject({ message: 'Internal server error' });
  });

  it('answers Endpoint request timed out when the function outlasts the integration timeout', async () => {
    // The function answers only once the test is over: only the integration timeout can end the wait.
    let answer: (result: unknown) => void = () => {};
    const slow = fakeInvoke({
      'sync-default': () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    });
    const impatient = new WebSocketApiServer({
      model: edgeTestModel({ webSocketRoutes: [{ routeKey: '$default', functionId: 'sync-default' }] }),
      invoke: slow.invoke,
      port: 0,
      authorizerFunctionId: null,
      allowUnauthenticated: true,
      integrationTimeoutMs: 50,
    });
    const { port: impatientPort } = await impatient.start();
    try {
      const socket = await openTestSocket(impatientPort, '/');
      socket.ws.send('hello');
      await vi.waitFor(() => expect(socket.received).toHaveLength(1));
      expect(JSON.parse(socket.received[0] ?? '')).toMatchObject({ message: 'Endpoint request timed out' });
    } finally {
      answer({ body: 'late' });
      await impatient.stop();
    }
  });

  it('answers Forbidden when no route matches and there is no $default', async () => {
    const bare = new WebSocketApiServer({
      model: edgeTestModel({ webSocketRoutes: [{ routeKey: 'join', functionId: 'sync-join' }] }),
      invoke: fake.invoke,
      port: 0,
      authorizerFunctionId: null,
      allowUnauthenticated: true,
    });
    const { port: barePort } = await bare.start();
    try {
      const socket = await openTestSocket(barePort, '/');
      socket.ws.send('{"action":"leave"}');
      await vi.waitFor(() => expect(socket.received).toHaveLength(1));
      const reply = JSON.parse(socket.received[0] ?? '');
      expect(reply).toMatchObject({
        message: 'Forbidden',
        connectionId: expect.any(String),
        requestId: expect.any(String),
      });
      expect(bare.connectionIds()).toEqual([reply.connectionId]);
    } finally {
      await bare.stop();
    }
  });

  it('closes the connection with 1009 on a message over 128 KB', async () => {
    const socket = await connect();
    socket.ws.send('x'.repeat(128 * 1024 + 1));
    expect((await socket.closed).code).toBe(1009);
    expect(eventsOf('sync-default')).toHaveLength(0);
    await vi.waitFor(() => expect(eventsOf('sync-disconnect')).toHaveLength(1));
  });

  it('accepts a message of exactly 128 KB', async () => {
    const socket = await connect();
    socket.ws.send('x'.repeat(128 * 1024));
    await vi.waitFor(() => expect(eventsOf('sync-default')).toHaveLength(1));
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
  });
});

describe('WebSocketApiServer as ConnectionRegistry', () => {
  it('sends, reports and disconnects a connection, running $disconnect', async () => {
    const before = Date.now();
    const socket = await connect('/?token=good', { 'User-Agent': 'registry-test' });
    const [connectEvent] = eventsOf('sync-connect');
    const id: string = connectEvent.requestContext.connectionId;

    expect(server.send(id, new TextEncoder().encode('{"hello":1}'))).toBe(true);
    await vi.waitFor(() => expect(socket.received).toEqual(['{"hello":1}']));

    const info = server.info(id);
    expect(info).toMatchObject({ sourceIp: '127.0.0.1', userAgent: 'registry-test' });
    expect(Date.parse(info?.connectedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(info?.lastActiveAt ?? '')).toBeGreaterThanOrEqual(Date.parse(info?.connectedAt ?? ''));

    expect(server.disconnect(id)).toBe(true);
    expect((await socket.closed).code).toBe(1000);
    await vi.waitFor(() => expect(eventsOf('sync-disconnect')).toHaveLength(1));
    expect(eventsOf('sync-disconnect')[0]).toMatchObject({
      requestContext: {
        routeKey: '$disconnect',
        eventType: 'DISCONNECT',
        connectionId: id,
        disconnectStatusCode: 1000,
        authorizer: { principalId: 'u1' },
      },
    });
  });

  it('answers false/undefined for a gone connection', async () => {
    const socket = await connect();
    const id: string = eventsOf('sync-connect')[0].requestContext.connectionId;
    socket.ws.close();
    await socket.closed;
    await vi.waitFor(() => expect(server.info(id)).toBeUndefined());
    expect(server.send(id, new Uint8Array([1]))).toBe(false);
    expect(server.disconnect(id)).toBe(false);
    expect(server.send('never-existed', new Uint8Array([1]))).toBe(false);
    await vi.waitFor(() =>
      expect(eventsOf('sync-disconnect')[0]?.requestContext.disconnectStatusCode).toBe(1005),
    );
  });
});

describe('WebSocketApiServer connection limits', () => {
  const IDLE_MS = 150;
  const LIFETIME_MS = 600;
  // Resolves the n-th $default invocation of this server, so a test knows its message was processed.
  const received: (() => void)[] = [];
  let messages = 0;
  const messageProcessed = (n: number) =>
    new Promise<void>((resolve) => {
      if (messages >= n) resolve();
      else received.push(() => messages >= n && resolve());
    });
  const limited = new WebSocketApiServer({
    model,
    invoke: (functionId, event) => {
      if (functionId === 'sync-default') {
        messages += 1;
        for (const check of received.splice(0)) check();
      }
      return fake.invoke(functionId, event);
    },
    port: 0,
    authorizerFunctionId: null,
    allowUnauthenticated: true,
    idleTimeoutMs: IDLE_MS,
    maxLifetimeMs: LIFETIME_MS,
  });
  let limitedPort = 0;
  beforeAll(async () => {
    ({ port: limitedPort } = await limited.start());
  });
  afterAll(() => limited.stop());
  beforeEach(() => {
    messages = 0;
    received.length = 0;
    // Only the clock of the connection timers is faked; sockets and the event loop stay real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  // The server's view: it forgets a connection the moment it decides to close it.
  const stillOpen = () => limited.connectionIds().length === 1;

  it('closes an idle connection with 1001 and runs $disconnect', async () => {
    const socket = await openTestSocket(limitedPort, '/');
    await vi.advanceTimersByTimeAsync(IDLE_MS - 1);
    expect(stillOpen()).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect((await socket.closed).code).toBe(1001);
    vi.useRealTimers();
    await vi.waitFor(() => expect(eventsOf('sync-disconnect')).toHaveLength(1));
    expect(limited.connectionIds()).toEqual([]);
  });

  it('keeps a connection that talks alive past the idle timeout, then closes it at its maximum lifetime', async () => {
    const socket = await openTestSocket(limitedPort, '/');
    // A message every 100 ms (< idle timeout) for 500 ms: well past the 150 ms idle timeout.
    for (let n = 1; n <= 5; n++) {
      await vi.advanceTimersByTimeAsync(100);
      expect(stillOpen()).toBe(true);
      socket.ws.send('ping');
      await messageProcessed(n);
    }
    await vi.advanceTimersByTimeAsync(LIFETIME_MS - 500 - 1);
    expect(stillOpen()).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect((await socket.closed).code).toBe(1001);
  });
});

describe('WebSocketApiServer Host check (DNS rebinding)', () => {
  it('refuses (403) an upgrade whose Host is not a loopback name with this port, before any authorizer runs', async () => {
    for (const host of [`evil.example:${port}`, `127.0.0.1:${port + 1}`, 'localhost']) {
      await expect(connect('/?token=good', { host })).rejects.toThrow('status 403');
    }
    expect(eventsOf('auth-authorize')).toEqual([]);
    expect(eventsOf('sync-connect')).toEqual([]);
    const socket = await connect('/?token=good', { host: `localhost:${port}` });
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
  });
});
