import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpApiServer } from '../../../../../infra/local/http/HttpApiServer.ts';
import { edgeTestModel, fail, fakeInvoke } from './edgeTestModel.ts';
import { sendHttpRequest } from './sendHttpRequest.ts';

const model = edgeTestModel({
  authorizerFunctionId: 'auth-authorize',
  routes: [
    { method: 'GET', path: '/api/system/health', auth: 'public', functionId: 'core-getHealth' },
    { method: 'GET', path: '/api/drive/files/{fileId}', auth: 'public', functionId: 'drive-getFile' },
    { method: 'GET', path: '/api/drive/files/recent', auth: 'public', functionId: 'drive-recent' },
    { method: 'POST', path: '/api/drive/bands/{bandId}/files', auth: 'user', functionId: 'drive-upload' },
    { method: 'GET', path: '/api/demo/broken', auth: 'public', functionId: 'demo-broken' },
    { method: 'GET', path: '/api/demo/busy', auth: 'public', functionId: 'demo-busy' },
    { method: 'GET', path: '/api/demo/plain', auth: 'public', functionId: 'demo-plain' },
    { method: 'GET', path: '/api/demo/cookies', auth: 'public', functionId: 'demo-cookies' },
    { method: 'GET', path: '/api/demo/local', auth: 'public', functionId: 'demo-local', localOnly: true },
  ],
});

const echo = (event: unknown) => ({ statusCode: 200, body: JSON.stringify(event) });
const fake = fakeInvoke({
  'core-getHealth': echo,
  'drive-getFile': echo,
  'drive-recent': () => ({ statusCode: 200, body: 'recent' }),
  'drive-upload': echo,
  'demo-broken': () => fail('Error', 'boom'),
  'demo-busy': () => fail('TooManyRequestsException', 'Rate exceeded'),
  'demo-plain': () => ({ hello: 'world' }),
  'demo-cookies': () => ({
    statusCode: 201,
    headers: { 'X-Custom': 7 },
    cookies: ['a=1; Path=/', 'b=2'],
    body: Buffer.from('binary!').toString('base64'),
    isBase64Encoded: true,
  }),
  'demo-local': () => 'local only',
  'auth-authorize': (event) => {
    const header = (event as { identitySource: string[] }).identitySource[0];
    if (header === 'Bearer good') return { isAuthorized: true, context: { identity: '{"userId":"u1"}' } };
    if (header === 'Bearer broken') return { nonsense: true };
    if (header === 'Bearer expired') return fail('Error', 'Unauthorized');
    return { isAuthorized: false };
  },
});

let port = 0;
const server = new HttpApiServer({
  model,
  invoke: fake.invoke,
  port: 0,
  authorizerFunctionId: 'auth-authorize',
});

beforeAll(async () => {
  ({ port } = await server.start());
});
afterAll(() => server.stop());
beforeEach(() => {
  fake.calls.length = 0;
});

const lastEventOf = (functionId: string) =>
  fake.calls.filter((c) => c.functionId === functionId).at(-1)?.event;

describe('HttpApiServer event shape (payload format 2.0)', () => {
  it('builds the event with path parameters, query, cookies and comma-joined headers', async () => {
    const response = await sendHttpRequest(port, {
      path: '/api/drive/files/f%20one?tag=a&tag=b&q=x%26y&empty=',
      headers: { cookie: 'session=abc; theme=dark', 'X-Multi': ['one', 'two'], 'user-agent': 'vitest' },
    });
    expect(response.status).toBe(200);
    const event = lastEventOf('drive-getFile');
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /api/drive/files/{fileId}',
      rawPath: '/api/drive/files/f one',
      rawQueryString: 'tag=a&tag=b&q=x%26y&empty=',
      cookies: ['session=abc', 'theme=dark'],
      queryStringParameters: { tag: 'a,b', q: 'x&y', empty: '' },
      pathParameters: { fileId: 'f one' },
      isBase64Encoded: false,
      requestContext: {
        accountId: expect.any(String),
        apiId: expect.any(String),
        domainName: '127.0.0.1',
        domainPrefix: '127',
        http: {
          method: 'GET',
          path: '/api/drive/files/f one',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'vitest',
        },
        routeKey: 'GET /api/drive/files/{fileId}',
        stage: '$default',
        time: expect.stringMatching(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/),
        timeEpoch: expect.any(Number),
      },
    });
    expect(event.headers['x-multi']).toBe('one,two');
    expect(event.headers['user-agent']).toBe('vitest');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext.requestId).toBe(response.headers['apigw-requestid']);
    expect(event.requestContext.authorizer).toBeUndefined();
    expect(event.body).toBeUndefined();
  });

  it('leaves optional members out when the request has none', async () => {
    await sendHttpRequest(port, { path: '/api/system/health' });
    const event = lastEventOf('core-getHealth');
    expect(event).not.toHaveProperty('cookies');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('pathParameters');
    expect(event.rawQueryString).toBe('');
  });

  it('prefers a literal segment over a parameter', async () => {
    const response = await sendHttpRequest(port, { path: '/api/drive/files/recent' });
    expect(response.body).toBe('recent');
  });

  it('sends a text body as is and a binary body base64-encoded', async () => {
    const json = await sendHttpRequest(port, {
      method: 'POST',
      path: '/api/drive/bands/b1/files',
      headers: { authorization: 'Bearer good', 'content-type': 'application/json; charset=utf-8' },
      body: '{"name":"chart.pdf"}',
    });
    expect(json.status).toBe(200);
    expect(lastEventOf('drive-upload')).toMatchObject({
      body: '{"name":"chart.pdf"}',
      isBase64Encoded: false,
    });

    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    await sendHttpRequest(port, {
      method: 'POST',
      path: '/api/drive/bands/b1/files',
      headers: { authorization: 'Bearer good', 'content-type': 'application/pdf' },
      body: bytes,
    });
    const event = lastEventOf('drive-upload');
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body, 'base64')).toEqual(bytes);
  });

  it('serves local-only routes', async () => {
    const response = await sendHttpRequest(port, { path: '/api/demo/local' });
    expect(response.status).toBe(200);
    expect(response.body).toBe('"local only"');
  });
});

describe('HttpApiServer authorizer', () => {
  it('passes the authorizer context to the route as requestContext.authorizer.lambda', async () => {
    const response = await sendHttpRequest(port, {
      method: 'POST',
      path: '/api/drive/bands/b1/files?x=1',
      headers: { authorization: 'Bearer good', 'content-type': 'text/plain' },
      body: 'hi',
    });
    expect(response.status).toBe(200);
    const authorizerEvent = lastEventOf('auth-authorize');
    expect(authorizerEvent).toMatchObject({
      version: '2.0',
      type: 'REQUEST',
      identitySource: ['Bearer good'],
      routeKey: 'POST /api/drive/bands/{bandId}/files',
      rawPath: '/api/drive/bands/b1/files',
      rawQueryString: 'x=1',
      pathParameters: { bandId: 'b1' },
      queryStringParameters: { x: '1' },
      requestContext: { routeKey: 'POST /api/drive/bands/{bandId}/files', stage: '$default' },
    });
    expect(authorizerEvent.routeArn).toMatch(
      /^arn:aws:execute-api:[^:]+:\d{12}:[^/]+\/\$default\/POST\/api\/drive\/bands\/b1\/files$/,
    );
    expect(authorizerEvent).not.toHaveProperty('body');
    expect(lastEventOf('drive-upload').requestContext.authorizer).toEqual({
      lambda: { identity: '{"userId":"u1"}' },
    });
  });

  it('answers 403 when the authorizer says no, without running the route', async () => {
    const response = await sendHttpRequest(port, {
      method: 'POST',
      path: '/api/drive/bands/b1/files',
      headers: { authorization: 'Bearer bad' },
    });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toEqual({ message: 'Forbidden' });
    expect(lastEventOf('drive-upload')).toBeUndefined();
  });

  it('answers 401 without calling the authorizer when the Authorization header is missing', async () => {
    const response = await sendHttpRequest(port, { method: 'POST', path: '/api/drive/bands/b1/files' });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toEqual({ message: 'Unauthorized' });
    expect(fake.calls).toHaveLength(0);
  });

  it('answers 401 when the authorizer fails with "Unauthorized"', async () => {
    const response = await sendHttpRequest(port, {
      method: 'POST',
      path: '/api/drive/bands/b1/files',
      headers: { authorization: 'Bearer expired' },
    });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toEqual({ message: 'Unauthorized' });
    expect(lastEventOf('drive-upload')).toBeUndefined();
  });

  it('answers 500 when the authorizer returns a malformed response', async () => {
    const response = await sendHttpRequest(port, {
      method: 'POST',
      path: '/api/drive/bands/b1/files',
      headers: { authorization: 'Bearer broken' },
    });
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body)).toEqual({ message: 'Internal Server Error' });
  });

  it('fails closed (401) on a non-public route when the platform has no authorizer', async () => {
    const open = new HttpApiServer({ model, invoke: fake.invoke, port: 0, authorizerFunctionId: null });
    const { port: openPort } = await open.start();
    try {
      const response = await sendHttpRequest(openPort, {
        method: 'POST',
        path: '/api/drive/bands/b1/files',
        headers: { authorization: 'Bearer good' },
      });
      expect(response.status).toBe(401);
      expect(fake.calls).toHaveLength(0);
    } finally {
      await open.stop();
    }
  });
});

describe('HttpApiServer responses', () => {
  it('answers 404 {"message":"Not Found"} for an unknown route or method', async () => {
    for (const [method, path] of [
      ['GET', '/api/nope'],
      ['DELETE', '/api/system/health'],
      ['GET', '/api/drive/files/'],
    ] as const) {
      const response = await sendHttpRequest(port, { method, path });
      expect(response.status).toBe(404);
      expect(JSON.parse(response.body)).toEqual({ message: 'Not Found' });
    }
  });

  it('answers 500 when the function fails and 503 when it is throttled', async () => {
    const broken = await sendHttpRequest(port, { path: '/api/demo/broken' });
    expect(broken.status).toBe(500);
    expect(JSON.parse(broken.body)).toEqual({ message: 'Internal Server Error' });
    const busy = await sendHttpRequest(port, { path: '/api/demo/busy' });
    expect(busy.status).toBe(503);
  });

  it('answers 503 when the function outlasts the integration timeout', async () => {
    const slow = fakeInvoke({
      'demo-route': () => new Promise((resolve) => setTimeout(() => resolve('late'), 300)),
    });
    const impatient = new HttpApiServer({
      model: edgeTestModel({ routes: [{ path: '/api/demo/slow' }] }),
      invoke: slow.invoke,
      port: 0,
      authorizerFunctionId: null,
      integrationTimeoutMs: 50,
    });
    const { port: impatientPort } = await impatient.start();
    try {
      const response = await sendHttpRequest(impatientPort, { path: '/api/demo/slow' });
      expect(response.status).toBe(503);
      expect(JSON.parse(response.body)).toEqual({ message: 'Service Unavailable' });
    } finally {
      await impatient.stop();
    }
  });

  it('infers a 200 JSON response from a plain result', async () => {
    const response = await sendHttpRequest(port, { path: '/api/demo/plain' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(JSON.parse(response.body)).toEqual({ hello: 'world' });
  });

  it('maps a structured result: status, headers, cookies, base64 body, request id', async () => {
    const response = await sendHttpRequest(port, { path: '/api/demo/cookies' });
    expect(response.status).toBe(201);
    expect(response.headers['x-custom']).toBe('7');
    expect(response.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2']);
    expect(response.body).toBe('binary!');
    expect(response.headers['apigw-requestid']).toMatch(/^[A-Za-z0-9+/]{15}=$/);
  });

  it('refuses a body over the limit with 413', async () => {
    const small = new HttpApiServer({
      model,
      invoke: fake.invoke,
      port: 0,
      authorizerFunctionId: null,
      maxBodyBytes: 16,
    });
    const { port: smallPort } = await small.start();
    try {
      const response = await sendHttpRequest(smallPort, {
        method: 'GET',
        path: '/api/system/health',
        headers: { 'content-type': 'text/plain' },
        body: 'x'.repeat(17),
      });
      expect(response.status).toBe(413);
      expect(fake.calls).toHaveLength(0);
    } finally {
      await small.stop();
    }
  });
});

describe('HttpApiServer streamed body limit', () => {
  it('refuses a chunked body that grows past the limit with 413', async () => {
    const small = new HttpApiServer({
      model,
      invoke: fake.invoke,
      port: 0,
      authorizerFunctionId: null,
      maxBodyBytes: 1024,
    });
    const { port: smallPort } = await small.start();
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: smallPort,
            method: 'POST',
            path: '/api/system/health',
            headers: { 'transfer-encoding': 'chunked' },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        for (let i = 0; i < 4; i += 1) req.write('x'.repeat(512));
        req.end();
      });
      expect(status).toBe(413);
      expect(fake.calls).toHaveLength(0);
    } finally {
      await small.stop();
    }
  });
});

describe('HttpApiServer CORS', () => {
  it('answers a preflight from a local front end itself', async () => {
    const response = await sendHttpRequest(port, {
      method: 'OPTIONS',
      path: '/api/drive/bands/b1/files',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-methods']).toContain('POST');
    expect(response.headers['access-control-allow-headers']).toContain('authorization');
    expect(fake.calls).toHaveLength(0);
  });

  it('adds CORS headers to responses for a local origin, none for a foreign one', async () => {
    const local = await sendHttpRequest(port, {
      path: '/api/system/health',
      headers: { origin: 'http://127.0.0.1:8080' },
    });
    expect(local.headers['access-control-allow-origin']).toBe('*');
    const foreign = await sendHttpRequest(port, {
      path: '/api/system/health',
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('echoes a configured origin', async () => {
    const strict = new HttpApiServer({
      model,
      invoke: fake.invoke,
      port: 0,
      authorizerFunctionId: null,
      corsAllowOrigins: ['https://app.example'],
    });
    const { port: strictPort } = await strict.start();
    try {
      const response = await sendHttpRequest(strictPort, {
        method: 'OPTIONS',
        path: '/api/system/health',
        headers: { origin: 'https://app.example' },
      });
      expect(response.headers['access-control-allow-origin']).toBe('https://app.example');
      expect(response.headers.vary).toBe('Origin');
    } finally {
      await strict.stop();
    }
  });
});

describe('HttpApiServer Host check (DNS rebinding)', () => {
  const withHost = (host: string, method = 'GET') =>
    sendHttpRequest(port, { method, path: '/api/system/health', headers: { host } });

  it('serves requests that name this machine by a loopback name and the port it listens on', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LocalHost:${port}`]) {
      expect([host, (await withHost(host)).status]).toEqual([host, 200]);
    }
  });

  it('refuses (403, no function runs) a Host that is not loopback or not this port, preflights included', async () => {
    const refused = [
      `evil.example:${port}`,
      `localhost.evil.example:${port}`,
      `127.0.0.2:${port}`,
      '127.0.0.1',
      `127.0.0.1:${port + 1}`,
      `localhost:${port}@evil.example`,
    ];
    for (const host of refused) {
      const response = await withHost(host);
      expect([host, response.status, response.body]).toEqual([host, 403, '{"message":"Forbidden"}']);
    }
    expect((await withHost(`evil.example:${port}`, 'OPTIONS')).status).toBe(403);
    expect(fake.calls).toEqual([]);
  });
});
