import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LocalAwsEndpoint } from '../../../../../infra/local/aws/LocalAwsEndpoint.ts';
import { localAwsFetch } from '../../../../../infra/local/aws/localAwsFetch.ts';
import { DeadLetterStore } from '../../../../../infra/local/deadLetters/DeadLetterStore.ts';
import { EventArchive } from '../../../../../infra/local/events/EventArchive.ts';
import { EventRouter } from '../../../../../infra/local/events/EventRouter.ts';
import { RetryPolicy } from '../../../../../infra/local/events/RetryPolicy.ts';
import { LOCAL_AWS_CREDENTIALS } from '../../../../../infra/local/shared/localNames.ts';
import { sendHttpRequest } from '../http/sendHttpRequest.ts';

// Who may call the local AWS endpoint: AWS clients of this machine, signing with the local credentials.
const region = 'eu-west-1';
const invoked: { functionId: string; event: unknown }[] = [];
const router = new EventRouter({
  rules: [],
  invoke: async () => ({ ok: true, result: null }),
  retryPolicy: new RetryPolicy({ timeScale: 0.001 }),
  deadLetters: new DeadLetterStore(),
  archive: new EventArchive(),
});
const endpoint = new LocalAwsEndpoint({
  eventBridge: { router, rules: [], region },
  lambda: {
    invoke: async (functionId, event) => {
      invoked.push({ functionId, event });
      return { ok: true, result: { statusCode: 200 } };
    },
    hasFunction: (id) => id === 'auth-changeMemberRole',
    region,
  },
  admin: { router, deadLetters: new DeadLetterStore() },
  connections: () => undefined,
});
let port = 0;
let url = '';

beforeAll(async () => {
  ({ port, url } = await endpoint.start(0));
});
afterAll(async () => {
  router.stop();
  await endpoint.stop();
});
beforeEach(() => {
  invoked.length = 0;
});

const INVOKE_PATH = '/2015-03-31/functions/auth-changeMemberRole/invocations';
/** What a black-box probe sent: an API Gateway event with an authorizer identity of its own making. */
const forgedEvent = JSON.stringify({
  version: '2.0',
  routeKey: 'PATCH /api/auth/bands/{bandId}/members/{userId}',
  pathParameters: { bandId: 'b1', userId: 'u2' },
  body: '{"role":"leader"}',
  requestContext: { authorizer: { lambda: { identity: '{"userId":"u1","memberships":[]}' } } },
});

describe('the local AWS endpoint refuses callers that are not AWS clients of this machine', () => {
  it('refuses the unsigned text/plain invocation a web page could send without a preflight (403, nothing runs)', async () => {
    const response = await sendHttpRequest(port, {
      method: 'POST',
      path: INVOKE_PATH,
      headers: { host: `127.0.0.1:${port}`, 'content-type': 'text/plain' },
      body: forgedEvent,
    });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
    expect(invoked).toEqual([]);
  });

  it('refuses a request with an Origin header even when it is correctly signed', async () => {
    const lambda = new LambdaClient({ endpoint: url, region, credentials: LOCAL_AWS_CREDENTIALS });
    lambda.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers: Record<string, string> };
        request.headers.origin = 'http://localhost:5173';
        return next(args);
      },
      { step: 'finalizeRequest', name: 'addOrigin' },
    );
    await expect(
      lambda.send(
        new InvokeCommand({
          FunctionName: 'auth-changeMemberRole',
          Payload: new TextEncoder().encode(forgedEvent),
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    lambda.destroy();
    expect(invoked).toEqual([]);
  });

  it('refuses a Host that is not a loopback name with its port (DNS rebinding)', async () => {
    for (const host of [`evil.example:${port}`, `127.0.0.1:${port + 1}`]) {
      const response = await sendHttpRequest(port, {
        method: 'GET',
        path: '/_soleil/dlq',
        headers: { host },
      });
      expect([host, response.status]).toEqual([host, 403]);
    }
  });

  it('refuses a client signing with other credentials, and serves one signing with the local ones', async () => {
    const payload = new TextEncoder().encode('{}');
    const stranger = new LambdaClient({
      endpoint: url,
      region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'not-the-local-secret' },
    });
    await expect(
      stranger.send(new InvokeCommand({ FunctionName: 'auth-changeMemberRole', Payload: payload })),
    ).rejects.toMatchObject({ name: 'InvalidSignatureException', $metadata: { httpStatusCode: 403 } });
    stranger.destroy();
    expect(invoked).toEqual([]);
    const local = new LambdaClient({ endpoint: url, region, credentials: LOCAL_AWS_CREDENTIALS });
    const result = await local.send(
      new InvokeCommand({ FunctionName: 'auth-changeMemberRole', Payload: payload }),
    );
    local.destroy();
    expect(result.StatusCode).toBe(200);
    expect(invoked.map((i) => i.functionId)).toEqual(['auth-changeMemberRole']);
  });

  it('serves the admin routes only to signed requests', async () => {
    expect((await fetch(`${url}/_soleil/dlq`)).status).toBe(403);
    const signed = await localAwsFetch(`${url}/_soleil/dlq`);
    expect(signed.status).toBe(200);
    expect(await signed.json()).toEqual({ deadLetters: [] });
  });
});
