import type { Identity } from '../../shared/contracts/identity.ts';
import type { HttpEvent } from '../../shared/runtime/http/HttpRequest.ts';

/** A user with one leader and one member band, valid for the `Identity` contract. */
export const testIdentity: Identity = {
  userId: 'user-1',
  email: 'ana@example.com',
  name: 'Ana',
  memberships: [
    { bandId: 'band-lead', role: 'leader' },
    { bandId: 'band-play', role: 'member' },
  ],
  instruments: ['trumpet'],
};

/** An API Gateway HTTP API payload 2.0 event, as the real edge (and the embedded one) produce it. */
export const httpEvent = (
  overrides: {
    method?: string;
    path?: string;
    body?: string;
    isBase64Encoded?: boolean;
    headers?: Record<string, string>;
    query?: Record<string, string>;
    pathParameters?: Record<string, string>;
    identity?: Identity | string | null;
    authorizer?: unknown;
  } = {},
): HttpEvent => {
  const path = overrides.path ?? '/api/test/things';
  const authorizer =
    overrides.authorizer !== undefined
      ? overrides.authorizer
      : overrides.identity === undefined || overrides.identity === null
        ? undefined
        : {
            lambda: {
              identity:
                typeof overrides.identity === 'string'
                  ? overrides.identity
                  : JSON.stringify(overrides.identity),
            },
          };
  return {
    version: '2.0',
    routeKey: `${overrides.method ?? 'POST'} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(overrides.query ?? {}).toString(),
    headers: { 'content-type': 'application/json', ...overrides.headers },
    ...(overrides.query ? { queryStringParameters: overrides.query } : {}),
    ...(overrides.pathParameters ? { pathParameters: overrides.pathParameters } : {}),
    ...(overrides.body === undefined ? {} : { body: overrides.body }),
    isBase64Encoded: overrides.isBase64Encoded ?? false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: overrides.method ?? 'POST',
        path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'vitest',
      },
      requestId: 'req-123',
      routeKey: `${overrides.method ?? 'POST'} ${path}`,
      stage: '$default',
      time: '01/Jan/2025:00:00:00 +0000',
      timeEpoch: 1735689600000,
      ...(authorizer === undefined ? {} : { authorizer }),
    },
  } as HttpEvent;
};

/** A Lambda context good enough for the kits (no remaining-time budget: middy's early timeout stays off). */
export const lambdaContext = (functionName = 'test-function') =>
  ({
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: crypto.randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'test',
    callbackWaitsForEmptyEventLoop: true,
  }) as unknown as import('aws-lambda').Context;
