import '../../../../helpers/quietPowertools.ts';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { BandId } from '../../../../../shared/contracts/identifiers.ts';
import {
  ForbiddenError,
  requireBandRole,
  type WebSocketEvent,
  webSocketHandler,
} from '../../../../../shared/runtime/index.ts';
import { lambdaContext, testIdentity } from '../../../../helpers/httpEvents.ts';
import { webSocketEvent } from './webSocketEvents.ts';

// biome-ignore lint/suspicious/noExplicitAny: frames are read loosely by assertions
type Frame = Record<string, any>;
const frameOf = (response: { body?: string }) => JSON.parse(response.body ?? '') as Frame;

const Join = z.object({ action: z.literal('join'), bandId: BandId }).strict();
const joinHandle = vi.fn(async (req: { body: { bandId: string }; identity: unknown }) => ({
  body: { type: 'joined', bandId: req.body.bandId },
}));
const join = webSocketHandler({ module: 'test', body: Join, handle: joinHandle });

describe('webSocketHandler on $connect', () => {
  it('hands the flat authorizer identity, route and connection to handle and accepts with 200', async () => {
    const handle = vi.fn(async () => undefined);
    const connect = webSocketHandler({ module: 'test', handle });
    const response = await connect(
      webSocketEvent({ routeKey: '$connect', identity: testIdentity, connectionId: 'abc=' }),
      lambdaContext(),
    );
    expect(response).toEqual({ statusCode: 200 });
    expect(handle).toHaveBeenCalledWith(
      expect.objectContaining({
        connectionId: 'abc=',
        routeKey: '$connect',
        eventType: 'CONNECT',
        identity: testIdentity,
        body: undefined,
        correlationId: 'req-ws-1',
      }),
    );
  });

  it('gives a null identity when the API has no authorizer', async () => {
    const handle = vi.fn(async () => undefined);
    await webSocketHandler({ module: 'test', handle })(
      webSocketEvent({ routeKey: '$connect' }),
      lambdaContext(),
    );
    expect(handle).toHaveBeenCalledWith(expect.objectContaining({ identity: null }));
  });

  it('refuses the connection with 401 when the identity cannot be read, without calling handle', async () => {
    const handle = vi.fn(async () => undefined);
    const connect = webSocketHandler({ module: 'test', handle });
    const response = await connect(
      webSocketEvent({ routeKey: '$connect', identity: '{"userId":' }),
      lambdaContext(),
    );
    expect(response.statusCode).toBe(401);
    expect(frameOf(response).problem.type).toBe('https://soleil.dev/problems/unauthorized');
    expect(handle).not.toHaveBeenCalled();
  });

  it("refuses the connection with a thrown error's status", async () => {
    const connect = webSocketHandler({
      module: 'test',
      handle: async (req) => {
        requireBandRole(req.identity, 'band-elsewhere', 'member');
      },
    });
    const response = await connect(
      webSocketEvent({ routeKey: '$connect', identity: testIdentity }),
      lambdaContext(),
    );
    expect(response.statusCode).toBe(403);
  });

  it("takes the correlation id from the handshake's x-correlation-id header", async () => {
    const handle = vi.fn(async () => undefined);
    await webSocketHandler({ module: 'test', handle })(
      webSocketEvent({ routeKey: '$connect', headers: { 'X-Correlation-Id': 'corr-from-client' } }),
      lambdaContext(),
    );
    expect(handle).toHaveBeenCalledWith(expect.objectContaining({ correlationId: 'corr-from-client' }));
  });
});

describe('webSocketHandler on messages', () => {
  it('hands the validated body to handle and returns its body as the route response', async () => {
    const response = await join(
      webSocketEvent({ body: '{"action":"join","bandId":"band-play"}', identity: testIdentity }),
      lambdaContext(),
    );
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body ?? '')).toEqual({ type: 'joined', bandId: 'band-play' });
    expect(joinHandle).toHaveBeenLastCalledWith(
      expect.objectContaining({
        eventType: 'MESSAGE',
        routeKey: 'join',
        body: { action: 'join', bandId: 'band-play' },
      }),
    );
  });

  it('reads a binary (base64-encoded) frame', async () => {
    const body = Buffer.from('{"action":"join","bandId":"band-b64"}').toString('base64');
    const response = await join(webSocketEvent({ body, isBase64Encoded: true }), lambdaContext());
    expect(JSON.parse(response.body ?? '').bandId).toBe('band-b64');
  });

  it('answers 400 with an error frame for a body that is not JSON, without calling handle', async () => {
    joinHandle.mockClear();
    const response = await join(webSocketEvent({ body: '{"action":"join",' }), lambdaContext());
    expect(response.statusCode).toBe(400);
    expect(frameOf(response)).toEqual({
      type: 'error',
      routeKey: 'join',
      problem: expect.objectContaining({
        type: 'https://soleil.dev/problems/bad-request',
        status: 400,
        correlationId: 'req-ws-1',
      }),
    });
    expect(joinHandle).not.toHaveBeenCalled();
  });

  it('answers 400 with the failing fields for a body the schema refuses', async () => {
    joinHandle.mockClear();
    const response = await join(webSocketEvent({ body: '{"action":"join","bandId":""}' }), lambdaContext());
    expect(response.statusCode).toBe(400);
    const problem = frameOf(response).problem;
    expect(problem.type).toBe('https://soleil.dev/problems/validation-failed');
    expect(new Set(problem.errors.map((e: { path: string }) => e.path))).toEqual(new Set(['body.bandId']));
    expect(joinHandle).not.toHaveBeenCalled();
  });

  it('answers 400 for a message without a body when a schema is declared', async () => {
    const response = await join(webSocketEvent({}), lambdaContext());
    expect(response.statusCode).toBe(400);
  });

  it('sends a string body as is and no frame when handle returns nothing', async () => {
    const text = webSocketHandler({ module: 'test', handle: async () => ({ body: 'pong' }) });
    expect(await text(webSocketEvent({ routeKey: 'ping' }), lambdaContext())).toEqual({
      statusCode: 200,
      body: 'pong',
    });
    const silent = webSocketHandler({ module: 'test', handle: async () => undefined });
    expect(await silent(webSocketEvent({ routeKey: '$default' }), lambdaContext())).toEqual({
      statusCode: 200,
    });
  });

  it('maps a thrown platform error to its status and an unexpected one to a 500 that reveals nothing', async () => {
    const forbidden = webSocketHandler({
      module: 'test',
      handle: async () => {
        throw new ForbiddenError('Leaders only');
      },
    });
    const refused = await forbidden(webSocketEvent(), lambdaContext());
    expect(refused.statusCode).toBe(403);
    expect(frameOf(refused).problem.detail).toBe('Leaders only');

    const broken = webSocketHandler({
      module: 'test',
      handle: async () => {
        throw new Error('password=hunter2 in table soleil-sync-rooms');
      },
    });
    const failed = await broken(webSocketEvent(), lambdaContext());
    expect(failed.statusCode).toBe(500);
    expect(failed.body).not.toContain('hunter2');
    expect(frameOf(failed).problem.type).toBe('https://soleil.dev/problems/internal');
  });

  it('refuses a route response above the 128 KB frame limit with a 500 error frame', async () => {
    const huge = webSocketHandler({
      module: 'test',
      handle: async () => ({ body: { blob: 'x'.repeat(140_000) } }),
    });
    const response = await huge(webSocketEvent(), lambdaContext());
    expect(response.statusCode).toBe(500);
    expect(frameOf(response).type).toBe('error');
  });

  it('answers 400 to an event that is not a WebSocket event instead of crashing', async () => {
    const handle = vi.fn(async () => undefined);
    const response = await webSocketHandler({ module: 'test', handle })(
      { body: '{}' } as unknown as WebSocketEvent,
      lambdaContext(),
    );
    expect(response.statusCode).toBe(400);
    expect(handle).not.toHaveBeenCalled();
  });
});
