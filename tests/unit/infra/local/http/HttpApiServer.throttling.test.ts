import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpApiServer } from '../../../../../infra/local/http/HttpApiServer.ts';
import { edgeTestModel, fakeInvoke } from './edgeTestModel.ts';
import { sendHttpRequest } from './sendHttpRequest.ts';

const model = edgeTestModel({
  authorizerFunctionId: 'auth-authorize',
  routes: [
    { method: 'POST', path: '/api/auth/refresh', auth: 'public', functionId: 'auth-refresh' },
    { method: 'GET', path: '/api/auth/me', auth: 'user', functionId: 'auth-me' },
    { method: 'GET', path: '/api/system/health', auth: 'public', functionId: 'core-getHealth' },
  ],
  throttling: {
    default: { rateLimit: 100, burstLimit: 3 },
    routes: [
      { module: 'auth', routeKey: 'POST /api/auth/refresh', localOnly: false, rateLimit: 0.5, burstLimit: 2 },
      { module: 'auth', routeKey: 'GET /api/auth/me', localOnly: false, rateLimit: 1, burstLimit: 1 },
    ],
  },
});

const ok = () => ({ statusCode: 200, body: '{}' });
const fake = fakeInvoke({
  'auth-refresh': ok,
  'auth-me': ok,
  'core-getHealth': ok,
  'auth-authorize': () => ({ isAuthorized: true, context: { identity: '{"userId":"u1"}' } }),
});

let now = 1_000_000;
let port = 0;
const server = new HttpApiServer({
  model,
  invoke: fake.invoke,
  port: 0,
  authorizerFunctionId: 'auth-authorize',
  clock: () => now,
});

beforeAll(async () => {
  ({ port } = await server.start());
});
afterAll(() => server.stop());
beforeEach(() => {
  fake.calls.length = 0;
});

const refresh = () => sendHttpRequest(port, { method: 'POST', path: '/api/auth/refresh', body: '{}' });

describe('HttpApiServer throttling (the model’s limits, a token bucket per route)', () => {
  it('lets a route’s burst through, then answers 429 problem+json with Retry-After without running anything', async () => {
    const answers = await Promise.all([refresh(), refresh(), refresh(), refresh()]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 429, 429]);
    expect(fake.calls.filter((c) => c.functionId === 'auth-refresh')).toHaveLength(2);
    const refused = answers.find((a) => a.status === 429);
    // Rate 0.5/s: the next token is two seconds away.
    expect(refused?.headers['retry-after']).toBe('2');
    expect(refused?.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(refused?.body ?? '{}')).toMatchObject({
      type: 'https://soleil.dev/problems/too-many-requests',
      status: 429,
      instance: '/api/auth/refresh',
    });
  });

  it('lets a request through again once the bucket has refilled', async () => {
    now += 1_999;
    expect((await refresh()).status).toBe(429);
    now += 1;
    expect((await refresh()).status).toBe(200);
    expect((await refresh()).status).toBe(429);
  });

  it('judges a throttled request before the authorizer: a refused request costs no function', async () => {
    const me = () =>
      sendHttpRequest(port, { path: '/api/auth/me', headers: { authorization: 'Bearer good' } });
    expect((await me()).status).toBe(200);
    expect((await me()).status).toBe(429);
    expect(fake.calls.map((c) => c.functionId)).toEqual(['auth-authorize', 'auth-me']);
  });

  it('gives every other route a bucket of its own with the default limits', async () => {
    const health = () => sendHttpRequest(port, { path: '/api/system/health' });
    const answers = [await health(), await health(), await health(), await health()];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    // 100 requests per second: the next token is 10 ms away, which rounds up to one second.
    expect(answers[3]?.headers['retry-after']).toBe('1');
  });

  it('does not throttle what matches no route (API Gateway answers 404 first)', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => sendHttpRequest(port, { path: '/api/nowhere' })),
    );
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404]);
  });
});
