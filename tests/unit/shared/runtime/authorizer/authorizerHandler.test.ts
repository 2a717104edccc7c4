import '../../../../helpers/quietPowertools.ts';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Identity } from '../../../../../shared/contracts/identity.ts';
import { PLATFORM_ENV } from '../../../../../shared/contracts/platformEnvironment.ts';
import {
  AUTHORIZER_FAILURES_METRIC,
  AUTHORIZER_REFUSALS_METRIC,
  type AuthorizationRequest,
  type AuthorizerVerdict,
  authorizerHandler,
  UNAUTHORIZED,
} from '../../../../../shared/runtime/index.ts';

const ana: Identity = {
  userId: 'u-ana',
  email: 'ana@example.com',
  name: 'Ana',
  memberships: [{ bandId: 'b1', role: 'leader' }],
  instruments: ['trumpet'],
};
const METHOD_ARN = 'arn:aws:execute-api:eu-west-1:000000000000:ws/local/$connect';

const httpEvent = (headers: Record<string, string> = {}, pathParameters: Record<string, string> = {}) => ({
  version: '2.0' as const,
  type: 'REQUEST' as const,
  routeKey: 'GET /api/auth/bands/{bandId}/members',
  headers,
  pathParameters,
});
const connectEvent = (token?: string) => ({
  type: 'REQUEST' as const,
  methodArn: METHOD_ARN,
  queryStringParameters: token === undefined ? {} : { token },
});

/** The handler around a fixed verdict, recording what it was asked and which metrics it flushed. */
const authorizerWith = (decide: (request: AuthorizationRequest) => AuthorizerVerdict | Promise<never>) => {
  const asked: AuthorizationRequest[] = [];
  const flushed: string[][] = [];
  let stored: string[] = [];
  const metrics = {
    addMetric: (name: string) => stored.push(name),
    hasStoredMetrics: () => stored.length > 0,
    publishStoredMetrics: () => {
      flushed.push(stored);
      stored = [];
    },
  } as unknown as Metrics;
  const logger = {
    info: () => {},
    warn: () => {},
    error: () => {},
    appendKeys: () => {},
    resetKeys: () => {},
  } as unknown as Logger;
  const handler = authorizerHandler({
    module: 'auth',
    logger,
    metrics,
    authorize: async (request) => {
      asked.push(request);
      return decide(request);
    },
  });
  return { handler, asked, flushed };
};

describe('authorizerHandler', () => {
  beforeEach(() => {
    process.env[PLATFORM_ENV.leaderRoutes] = JSON.stringify(['POST /api/auth/bands/{bandId}/invitations']);
  });
  afterEach(() => {
    delete process.env[PLATFORM_ENV.leaderRoutes];
  });

  it('hands the decision the Bearer token, route key, path parameters and leader routes of an HTTP request', async () => {
    const { handler, asked, flushed } = authorizerWith(() => ({ effect: 'allow', identity: ana }));
    const answer = await handler(httpEvent({ Authorization: 'Bearer abc.def.ghi' }, { bandId: 'b1' }));
    expect(answer).toEqual({ isAuthorized: true, context: { identity: JSON.stringify(ana) } });
    expect(asked).toEqual([
      {
        edge: 'http',
        token: 'abc.def.ghi',
        routeKey: 'GET /api/auth/bands/{bandId}/members',
        pathParameters: { bandId: 'b1' },
        leaderRoutes: new Set(['POST /api/auth/bands/{bandId}/invitations']),
      },
    ]);
    expect(flushed).toEqual([]);
  });

  it('answers isAuthorized: false (403) to a forbidden HTTP request, and counts the refusal', async () => {
    const { handler, flushed } = authorizerWith(() => ({ effect: 'forbidden', reason: 'not_a_member' }));
    expect(await handler(httpEvent({ authorization: 'Bearer t' }))).toEqual({ isAuthorized: false });
    expect(flushed).toEqual([[AUTHORIZER_REFUSALS_METRIC]]);
  });

  it('throws "Unauthorized" (401) to an unauthenticated request, counted as a refusal, not a failure', async () => {
    const { handler, asked, flushed } = authorizerWith(() => ({ effect: 'unauthenticated' }));
    await expect(handler(httpEvent({ authorization: 'Basic dXNlcjpwdw==' }))).rejects.toThrow(UNAUTHORIZED);
    expect(asked[0]?.token).toBeUndefined();
    expect(flushed).toEqual([[AUTHORIZER_REFUSALS_METRIC]]);
  });

  it('allows a WebSocket $connect with an Allow policy on its methodArn and the identity in the context', async () => {
    const { handler, asked } = authorizerWith(() => ({ effect: 'allow', identity: ana }));
    expect(await handler(connectEvent('tok'))).toEqual({
      principalId: 'u-ana',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: METHOD_ARN }],
      },
      context: { identity: JSON.stringify(ana) },
    });
    expect(asked).toEqual([{ edge: 'websocket', token: 'tok', methodArn: METHOD_ARN }]);
  });

  it('denies a forbidden $connect with a Deny policy, and refuses one without a token with 401', async () => {
    const forbidden = authorizerWith(() => ({ effect: 'forbidden', reason: 'suspended', userId: 'u-x' }));
    expect(await forbidden.handler(connectEvent('tok'))).toMatchObject({
      principalId: 'u-x',
      policyDocument: { Statement: [{ Effect: 'Deny', Resource: METHOD_ARN }] },
    });
    const anonymous = authorizerWith(() => ({ effect: 'unauthenticated' }));
    await expect(anonymous.handler(connectEvent())).rejects.toThrow(UNAUTHORIZED);
    expect(anonymous.asked[0]?.token).toBeUndefined();
  });

  it('refuses an event of neither shape without asking the module', async () => {
    const { handler, asked, flushed } = authorizerWith(() => ({ effect: 'allow', identity: ana }));
    await expect(handler({ hello: 'world' })).rejects.toThrow(UNAUTHORIZED);
    expect(asked).toEqual([]);
    expect(flushed).toEqual([[AUTHORIZER_REFUSALS_METRIC]]);
  });

  it('counts a decision that throws as a failure (alarmed) and rethrows it', async () => {
    const { handler, flushed } = authorizerWith(() => Promise.reject(new Error('key store unreachable')));
    await expect(handler(httpEvent({ authorization: 'Bearer t' }))).rejects.toThrow('key store unreachable');
    expect(flushed).toEqual([[AUTHORIZER_FAILURES_METRIC]]);
  });

  it('fails closed (a failure, never an allow) when the leader routes are missing', async () => {
    delete process.env[PLATFORM_ENV.leaderRoutes];
    const { handler, asked, flushed } = authorizerWith(() => ({ effect: 'allow', identity: ana }));
    await expect(handler(httpEvent({ authorization: 'Bearer t' }))).rejects.toThrow(/SOLEIL_LEADER_ROUTES/);
    expect(asked).toEqual([]);
    expect(flushed).toEqual([[AUTHORIZER_FAILURES_METRIC]]);
  });
});
