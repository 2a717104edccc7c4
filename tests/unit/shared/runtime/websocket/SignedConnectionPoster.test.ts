import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SigV4Verifier } from '../../../../../infra/local/aws/SigV4Verifier.ts';
import { RUNTIME_ENV } from '../../../../../shared/contracts/platformEnvironment.ts';
import { NodeSha256 } from '../../../../../shared/runtime/aws/NodeSha256.ts';
import { ConnectionApiError, ConnectionNotifier } from '../../../../../shared/runtime/index.ts';
import { SignedConnectionPoster } from '../../../../../shared/runtime/websocket/SignedConnectionPoster.ts';

// A loopback stand-in for API Gateway's management API that checks the SigV4 signature as AWS would (the
// embedded platform's verifier) and answers per connection id: the notifier's own pushes, end to end.
const credentials = { accessKeyId: 'AKIDPOSTER', secretAccessKey: 'poster-secret' };
const verifier = new SigV4Verifier({ credentials });
const received: { connectionId: string; body: string; contentType: string | undefined }[] = [];
const refusals: string[] = [];
let server: Server;
let endpoint: string;

const bodyOf = async (request: IncomingMessage): Promise<Uint8Array> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
};

const answers: Record<string, { status: number; type?: string }> = {
  'gone=': { status: 410, type: 'GoneException' },
  'throttled=': { status: 429, type: 'LimitExceededException:http://internal.amazon.com/coral/' },
  'forbidden=': { status: 403 },
};

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const body = await bodyOf(request);
    const check = await verifier.verify({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headersDistinct,
      body,
    });
    if (!check.valid || check.service !== 'execute-api' || check.region !== 'eu-west-1') {
      refusals.push(check.valid ? `${check.service}/${check.region}` : check.code);
      response.writeHead(403, { 'x-amzn-errortype': 'InvalidSignatureException' }).end();
      return;
    }
    const connectionId = decodeURIComponent((request.url ?? '').replace(/^\/live\/@connections\//, ''));
    const answer = answers[connectionId];
    if (answer) {
      response.writeHead(answer.status, answer.type ? { 'x-amzn-errortype': answer.type } : {}).end('{}');
      return;
    }
    received.push({
      connectionId,
      body: new TextDecoder().decode(body),
      contentType: request.headers['content-type'],
    });
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/live`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

afterEach(() => {
  vi.unstubAllEnvs();
  received.length = 0;
  refusals.length = 0;
});

const notifierFromEnvironment = (managementEndpoint = endpoint): ConnectionNotifier => {
  vi.stubEnv(RUNTIME_ENV.managementApiEndpoint, managementEndpoint);
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', credentials.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey);
  return new ConnectionNotifier();
};

describe('ConnectionNotifier’s own pushes (signed requests, no SDK command)', () => {
  it('signs each PostToConnection as IAM expects, with the connection id escaped in the path', async () => {
    const notifier = notifierFromEnvironment();
    const ids = ['abc+/x=', "it's(*)!", 'plain='];
    const result = await notifier.broadcast(ids, { type: 'file_updated', fileName: 'Misty_Bb.pdf' });
    expect(refusals).toEqual([]);
    expect(result).toEqual({ sent: ids, gone: [], failed: [] });
    expect(received.map((r) => r.connectionId).sort()).toEqual([...ids].sort());
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({ type: 'file_updated', fileName: 'Misty_Bb.pdf' });
    expect(received[0]?.contentType).toBe('application/octet-stream');
    // The next message is signed with its own body's hash, not the broadcast's.
    expect(await notifier.send('plain=', { type: 'presence' })).toBe('sent');
    expect(refusals).toEqual([]);
    expect(JSON.parse(received.at(-1)?.body ?? '')).toEqual({ type: 'presence' });
  });

  it('answers gone for 410 and a ConnectionApiError naming AWS’s error otherwise, retryable when throttled', async () => {
    const notifier = notifierFromEnvironment();
    const result = await notifier.broadcast(['gone=', 'throttled=', 'forbidden=', 'ok='], { hi: 1 });
    expect(result.sent).toEqual(['ok=']);
    expect(result.gone).toEqual(['gone=']);
    expect(result.failed.map((f) => [f.connectionId, f.error.awsErrorName, f.error.retryable])).toEqual([
      ['throttled=', 'LimitExceededException', true],
      ['forbidden=', 'ForbiddenException', false],
    ]);
    expect(await notifier.send('gone=', {})).toBe('gone');
  });

  it('is refused by the endpoint when signed with other credentials (the signature is really checked)', async () => {
    const notifier = notifierFromEnvironment();
    expect(await notifier.send('y=', {})).toBe('sent');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'not-the-secret');
    const other = new ConnectionNotifier();
    const error = await other.send('x=', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionApiError);
    expect(error).toMatchObject({ awsErrorName: 'InvalidSignatureException', retryable: false });
    expect(refusals).toEqual(['InvalidSignatureException']);
  });

  it('reports a network failure as a retryable ConnectionApiError', async () => {
    // Nothing listens on port 1.
    const result = await notifierFromEnvironment('http://127.0.0.1:1/live').broadcast(['a='], {});
    expect(result.failed[0]?.error).toMatchObject({ retryable: true, operation: 'PostToConnection' });
  });
});

describe('SignedConnectionPoster', () => {
  it('signs again with AWS’s time when its clock is too far off, and keeps signing with it', async () => {
    // The container's clock an hour behind: AWS refuses the signature and answers with its own Date.
    const poster = new SignedConnectionPoster({
      endpoint,
      credentials: async () => credentials,
      region: async () => 'eu-west-1',
      maxSockets: 2,
      now: () => new Date(Date.now() - 60 * 60 * 1000),
    });
    const data = new TextEncoder().encode('{"type":"presence"}');
    try {
      expect(await poster.post('late=', data)).toEqual({ status: 200, errorName: undefined });
      expect(refusals).toEqual(['InvalidSignatureException']);
      expect(await poster.post('later=', data)).toEqual({ status: 200, errorName: undefined });
      expect(refusals).toHaveLength(1);
      expect(received.map((r) => r.connectionId)).toEqual(['late=', 'later=']);
    } finally {
      poster.destroy();
    }
  });

  it('writes the Authorization the SDK’s signer writes for the same push: session token, escaped id, body hash', async () => {
    const heard: IncomingMessage['headers'][] = [];
    const capture = createServer((request, response) => {
      heard.push(request.headers);
      request.resume();
      request.on('end', () => response.writeHead(200).end());
    });
    await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
    const port = (capture.address() as AddressInfo).port;
    const session = { ...credentials, sessionToken: 'session-token-1' };
    const at = new Date(Date.UTC(2026, 10, 30, 7, 0, 0));
    const poster = new SignedConnectionPoster({
      endpoint: `http://127.0.0.1:${port}/live`,
      credentials: async () => session,
      region: async () => 'eu-west-1',
      maxSockets: 2,
      now: () => at,
    });
    try {
      const data = new TextEncoder().encode('{"type":"file_updated","fileName":"Misty_Bb.pdf"}');
      await poster.post("abc+/x='(*)!", data);
      const sdk = await new SignatureV4({
        credentials: session,
        region: 'eu-west-1',
        service: 'execute-api',
        sha256: NodeSha256,
      }).sign(
        {
          method: 'POST',
          protocol: 'http:',
          hostname: '127.0.0.1',
          port,
          path: `/live/@connections/${encodeURIComponent("abc+/x='(*)!").replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
          query: {},
          headers: {
            host: `127.0.0.1:${port}`,
            'content-type': 'application/octet-stream',
            'content-length': String(data.byteLength),
          },
          body: data,
        },
        { signingDate: at },
      );
      expect(heard[0]?.authorization).toBe(sdk.headers.authorization);
      expect(heard[0]?.['x-amz-security-token']).toBe('session-token-1');
      expect(heard[0]?.['x-amz-date']).toBe('20261130T070000Z');
    } finally {
      poster.destroy();
      await new Promise<void>((resolve) => capture.close(() => resolve()));
    }
  });

  it('signs with the credentials the provider gives now (rotated ones included), asking for the region once', async () => {
    const rotated = { accessKeyId: 'AKIDROTATED', secretAccessKey: 'rotated-secret' };
    const provider = vi
      .fn<() => Promise<typeof credentials>>()
      .mockResolvedValueOnce(credentials)
      .mockResolvedValueOnce(credentials)
      .mockResolvedValue(rotated);
    const region = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new Error('Region is missing'))
      .mockResolvedValue('eu-west-1');
    const poster = new SignedConnectionPoster({ endpoint, credentials: provider, region, maxSockets: 4 });
    try {
      const data = new TextEncoder().encode('{}');
      await expect(poster.post('first=', data)).rejects.toThrow('Region is missing');
      expect((await poster.post('a=', data)).status).toBe(200);
      // The endpoint knows only the first credentials: a push signed with the rotated ones is refused.
      expect((await poster.post('b=', data)).status).toBe(403);
      expect(refusals).toEqual(['UnrecognizedClientException']);
      expect(region).toHaveBeenCalledTimes(2);
      expect(provider).toHaveBeenCalledTimes(3);
    } finally {
      poster.destroy();
    }
  });
});
