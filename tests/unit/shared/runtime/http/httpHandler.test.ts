import '../../../../helpers/quietPowertools.ts';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import {
  ConflictError,
  ForbiddenError,
  httpHandler,
  NotFoundError,
  requireBandRole,
  requireIdentity,
} from '../../../../../shared/runtime/index.ts';
import { httpEvent, lambdaContext, testIdentity } from '../../../../helpers/httpEvents.ts';

const Body = z.object({ title: z.string().min(1), count: z.number().int() }).strict();
const handle = vi.fn(async (req: { body: unknown }) => ({ status: 201, body: { received: req.body } }));
const create = httpHandler({ module: 'test', body: Body, handle });

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely by assertions
type Problemish = Record<string, any>;
const bodyOf = (response: APIGatewayProxyStructuredResultV2) => JSON.parse(response.body ?? '') as Problemish;

describe('httpHandler', () => {
  it('answers 503 with a second to spare when a dependency hangs, before Lambda would end it with a 500', async () => {
    const hanging = httpHandler({ module: 'test', handle: () => new Promise(() => undefined) });
    const context = { ...lambdaContext(), getRemainingTimeInMillis: () => 1_500 };
    // Which comes first: the answer, or a timer set for the middle of the last second. (Middy's own 5 ms
    // margin answers after it, racing Lambda's timeout, which the gateway reports as a 500.)
    const midLastSecond = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 1_000));
    const first = await Promise.race([hanging(httpEvent({}), context), midLastSecond]);
    expect(first).not.toBe('late');
    const response = first as APIGatewayProxyStructuredResultV2;
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBeDefined();
  });

  it('answers 503 problem+json with Retry-After when a dependency cannot be reached', async () => {
    const unreachable = httpHandler({
      module: 'test',
      handle: async () => {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), {
          code: 'ECONNREFUSED',
          $metadata: { attempts: 3 },
        });
      },
    });
    const response = await unreachable(httpEvent({}), lambdaContext());
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(Number(response.headers?.['retry-after'])).toBeGreaterThan(0);
    expect(bodyOf(response)).toMatchObject({
      type: 'https://soleil.dev/problems/dependency-unavailable',
      status: 503,
      correlationId: 'req-123',
    });
  });

  it('hands the parsed body to handle and answers JSON with the correlation id echoed', async () => {
    const response = await create(httpEvent({ body: '{"title":"Blue Bossa","count":2}' }), lambdaContext());
    expect(response.statusCode).toBe(201);
    expect(response.headers?.['content-type']).toBe('application/json');
    expect(response.headers?.['x-correlation-id']).toBe('req-123');
    expect(bodyOf(response)).toEqual({ received: { title: 'Blue Bossa', count: 2 } });
  });

  it('reads a base64-encoded body', async () => {
    const body = Buffer.from('{"title":"Solar","count":1}').toString('base64');
    const response = await create(httpEvent({ body, isBase64Encoded: true }), lambdaContext());
    expect(response.statusCode).toBe(201);
    expect(bodyOf(response).received.title).toBe('Solar');
  });

  it('answers 400 problem+json for a body that is not JSON, without calling handle', async () => {
    handle.mockClear();
    const response = await create(httpEvent({ body: '{"title": "unterminated' }), lambdaContext());
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    const problem = bodyOf(response);
    expect(problem).toMatchObject({
      type: 'https://soleil.dev/problems/bad-request',
      status: 400,
      correlationId: 'req-123',
      instance: '/api/test/things',
    });
    expect(handle).not.toHaveBeenCalled();
  });

  it('answers 400 with field errors for a zod-invalid body', async () => {
    const response = await create(
      httpEvent({ body: '{"title":"","count":1.5,"extra":true}' }),
      lambdaContext(),
    );
    expect(response.statusCode).toBe(400);
    const problem = bodyOf(response);
    expect(problem.type).toBe('https://soleil.dev/problems/validation-failed');
    const paths = (problem.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.title', 'body.count']));
  });

  it('answers 400 with field errors for invalid query and path parameters', async () => {
    const list = httpHandler({
      module: 'test',
      query: z.object({ limit: z.coerce.number().int().min(1).max(100) }),
      path: z.object({ bandId: z.string().regex(/^band-/) }),
      handle: async (req) => ({ body: { limit: req.query.limit, bandId: req.path.bandId } }),
    });
    const ok = await list(
      httpEvent({ method: 'GET', query: { limit: '10' }, pathParameters: { bandId: 'band-1' } }),
      lambdaContext(),
    );
    expect(bodyOf(ok)).toEqual({ limit: 10, bandId: 'band-1' });
    const bad = await list(
      httpEvent({ method: 'GET', query: { limit: 'lots' }, pathParameters: { bandId: 'nope' } }),
      lambdaContext(),
    );
    expect(bad.statusCode).toBe(400);
    const paths = (bodyOf(bad).errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['query.limit', 'path.bandId']));
  });

  it('answers 413 for a body over the limit and 415 for a body that is not JSON media', async () => {
    const small = httpHandler({
      module: 'test',
      body: z.unknown(),
      maxBodyBytes: 1024,
      handle: async () => ({}),
    });
    const big = await small(httpEvent({ body: JSON.stringify({ x: 'a'.repeat(2000) }) }), lambdaContext());
    expect(big.statusCode).toBe(413);
    expect(bodyOf(big).type).toBe('https://soleil.dev/problems/payload-too-large');
    const bigBase64 = Buffer.from(JSON.stringify({ x: 'a'.repeat(2000) })).toString('base64');
    expect(
      (await small(httpEvent({ body: bigBase64, isBase64Encoded: true }), lambdaContext())).statusCode,
    ).toBe(413);
    const form = await small(
      httpEvent({ body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      lambdaContext(),
    );
    expect(form.statusCode).toBe(415);
  });

  it('answers 415 problem+json to a body sent without a content type or as text (a CSRF-able simple request)', async () => {
    handle.mockClear();
    const body = '{"title":"Blue Bossa","count":2}';
    const bare = httpEvent({ body });
    delete (bare.headers as Record<string, string>)['content-type'];
    const noType = await create(bare, lambdaContext());
    expect(noType.statusCode).toBe(415);
    expect(noType.headers?.['content-type']).toBe('application/problem+json');
    expect(bodyOf(noType).type).toBe('https://soleil.dev/problems/unsupported-media-type');
    for (const type of ['', 'text/plain', 'text/plain;charset=UTF-8', 'multipart/form-data; boundary=x']) {
      const response = await create(httpEvent({ body, headers: { 'content-type': type } }), lambdaContext());
      expect([type, response.statusCode]).toEqual([type, 415]);
    }
    expect(handle).not.toHaveBeenCalled();
    const json = await create(
      httpEvent({ body, headers: { 'content-type': 'application/json; charset=utf-8' } }),
      lambdaContext(),
    );
    expect(json.statusCode).toBe(201);
    const vendor = await create(
      httpEvent({ body, headers: { 'content-type': 'application/vnd.soleil+json' } }),
      lambdaContext(),
    );
    expect(vendor.statusCode).toBe(201);
  });

  describe('identity', () => {
    const whoAmI = httpHandler({
      module: 'test',
      handle: async (req) => ({ body: { identity: req.identity } }),
    });

    it('is null on a public route (no authorizer context)', async () => {
      expect(bodyOf(await whoAmI(httpEvent({ method: 'GET' }), lambdaContext())).identity).toBeNull();
    });

    it('is parsed from the authorizer context JSON', async () => {
      const response = await whoAmI(httpEvent({ method: 'GET', identity: testIdentity }), lambdaContext());
      expect(bodyOf(response).identity).toEqual(testIdentity);
    });

    it.each([
      ['not JSON', '{nope'],
      ['not an identity', JSON.stringify({ userId: 'u' })],
    ])('answers 401 when the identity is %s', async (_, identity) => {
      const response = await whoAmI(httpEvent({ method: 'GET', identity }), lambdaContext());
      expect(response.statusCode).toBe(401);
      expect(bodyOf(response).type).toBe('https://soleil.dev/problems/unauthorized');
    });

    it('enforces band roles with requireIdentity / requireBandRole', async () => {
      const leaderOnly = httpHandler({
        module: 'test',
        path: z.object({ bandId: z.string() }),
        handle: async (req) => {
          requireIdentity(req);
          return { body: { role: requireBandRole(req.identity, req.path.bandId, 'leader') } };
        },
      });
      const call = (bandId: string, identity: typeof testIdentity | null) =>
        leaderOnly(httpEvent({ method: 'GET', pathParameters: { bandId }, identity }), lambdaContext());
      expect((await call('band-lead', testIdentity)).statusCode).toBe(200);
      expect((await call('band-play', testIdentity)).statusCode).toBe(403);
      expect((await call('band-other', testIdentity)).statusCode).toBe(403);
      expect((await call('band-lead', null)).statusCode).toBe(401);
      expect(requireBandRole(testIdentity, 'band-play', 'member')).toBe('member');
    });
  });

  it.each([
    [new ForbiddenError('not yours'), 403, 'forbidden'],
    [new NotFoundError('no such song'), 404, 'not-found'],
    [new ConflictError('already there'), 409, 'conflict'],
  ])('maps a thrown %s to its status and problem type', async (error, status, type) => {
    const failing = httpHandler({
      module: 'test',
      handle: async () => {
        throw error;
      },
    });
    const response = await failing(httpEvent({ method: 'GET' }), lambdaContext());
    expect(response.statusCode).toBe(status);
    expect(bodyOf(response)).toMatchObject({
      type: `https://soleil.dev/problems/${type}`,
      detail: error.detail,
    });
  });

  it('answers 500 without internals for an unexpected error', async () => {
    const failing = httpHandler({
      module: 'test',
      handle: async () => {
        throw new Error('connection string postgres://admin:hunter2@db');
      },
    });
    const response = await failing(httpEvent({ method: 'GET' }), lambdaContext());
    expect(response.statusCode).toBe(500);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(response.body).not.toContain('hunter2');
    expect(response.body).not.toContain('postgres');
    expect(bodyOf(response).type).toBe('https://soleil.dev/problems/internal');
  });

  it('uses a sane x-correlation-id from the caller, and ignores an insane one', async () => {
    const echo = httpHandler({
      module: 'test',
      handle: async (req) => ({ body: { id: req.correlationId } }),
    });
    const sane = await echo(
      httpEvent({ method: 'GET', headers: { 'X-Correlation-Id': 'abc-123' } }),
      lambdaContext(),
    );
    expect(sane.headers?.['x-correlation-id']).toBe('abc-123');
    expect(bodyOf(sane).id).toBe('abc-123');
    const insane = await echo(
      httpEvent({ method: 'GET', headers: { 'x-correlation-id': 'x\n{"level":"FAKE"}' } }),
      lambdaContext(),
    );
    expect(insane.headers?.['x-correlation-id']).toBe('req-123');
  });

  it('puts the correlation id on every log line of the invocation', async () => {
    const { Logger } = await import('@aws-lambda-powertools/logger');
    const lines: string[] = [];
    const logger = new Logger({ serviceName: 'test', logLevel: 'INFO', persistentKeys: { module: 'test' } });
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const logging = httpHandler({
        module: 'test',
        logger,
        handle: async (req) => {
          req.logger.info('doing the work');
          throw new NotFoundError('gone');
        },
      });
      await logging(
        httpEvent({ method: 'GET', headers: { 'x-correlation-id': 'corr-42' } }),
        lambdaContext(),
      );
    } finally {
      write.mockRestore();
    }
    const records = lines
      .flatMap((l) => l.split('\n'))
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    expect(records.length).toBeGreaterThanOrEqual(2);
    for (const record of records) expect(record).toMatchObject({ correlationId: 'corr-42', module: 'test' });
  });
});
