import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { type ReceivedRequest, SigV4Verifier } from '../../../../../infra/local/aws/SigV4Verifier.ts';
import { NodeSha256 } from '../../../../../shared/runtime/aws/NodeSha256.ts';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const SIGNED_AT = Date.UTC(2026, 0, 15, 12, 0, 0);
const verifierAt = (now: number) => new SigV4Verifier({ credentials, now: () => now });
const verifier = verifierAt(SIGNED_AT + 1000);

/** Signs as an SDK client does, then turns the result into what the endpoint receives. */
const signed = async (
  request: {
    method: string;
    path: string;
    query?: Record<string, string>;
    headers?: Record<string, string>;
    body?: string;
  },
  options: { service?: string; secret?: string; accessKeyId?: string; signingDate?: number } = {},
): Promise<ReceivedRequest> => {
  const service = options.service ?? 'events';
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: options.accessKeyId ?? 'local',
      secretAccessKey: options.secret ?? 'local',
    },
    region: 'eu-west-1',
    service,
    sha256: NodeSha256,
    uriEscapePath: service !== 's3',
  });
  const toSign: HttpRequest = {
    method: request.method,
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 4010,
    path: request.path,
    query: request.query ?? {},
    headers: { host: '127.0.0.1:4010', ...request.headers },
    ...(request.body === undefined ? {} : { body: request.body }),
  };
  const result = await signer.sign(toSign, { signingDate: new Date(options.signingDate ?? SIGNED_AT) });
  const query = new URLSearchParams(request.query ?? {}).toString().replaceAll('+', '%20');
  return received(request.method, `${request.path}${query ? `?${query}` : ''}`, result.headers, request.body);
};

const received = (
  method: string,
  url: string,
  headers: Record<string, string>,
  body = '',
): ReceivedRequest => ({
  method,
  url,
  headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), [v]])),
  body: Buffer.from(body),
});

const putEvents = (body = '{"Entries":[]}') => ({
  method: 'POST',
  path: '/',
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
  body,
});

describe('SigV4Verifier, Authorization header', () => {
  it('accepts a request signed with the local credentials and names the signer, region and service', async () => {
    expect(await verifier.verify(await signed(putEvents()))).toEqual({
      valid: true,
      accessKeyId: 'local',
      region: 'eu-west-1',
      service: 'events',
      presigned: false,
    });
  });

  it('accepts an encoded path (a Lambda ARN) and a query string, signed with double-encoding as AWS does', async () => {
    const path =
      '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A000000000000%3Afunction%3Aauth-x/invocations';
    const request = await signed(
      { method: 'POST', path, query: { Qualifier: '$LATEST', note: 'a b&c' }, body: '{}' },
      { service: 'lambda' },
    );
    expect((await verifier.verify(request)).valid).toBe(true);
  });

  it('refuses a request without any signature (403 MissingAuthenticationToken)', async () => {
    const bare = received('POST', '/2015-03-31/functions/auth-changeMemberRole/invocations', {
      host: '127.0.0.1:4010',
      'content-type': 'text/plain',
    });
    expect(await verifier.verify(bare)).toMatchObject({
      valid: false,
      status: 403,
      code: 'MissingAuthenticationTokenException',
    });
  });

  it('refuses another secret, another access key, a changed body and a changed signed header', async () => {
    expect(await verifier.verify(await signed(putEvents(), { secret: 'guess' }))).toMatchObject({
      valid: false,
      status: 403,
      code: 'InvalidSignatureException',
    });
    expect(await verifier.verify(await signed(putEvents(), { accessKeyId: 'AKIAOTHER' }))).toMatchObject({
      valid: false,
      status: 403,
      code: 'UnrecognizedClientException',
    });
    const request = await signed(putEvents());
    expect(await verifier.verify({ ...request, body: Buffer.from('{"Entries":[{}]}') })).toMatchObject({
      valid: false,
      code: 'InvalidSignatureException',
    });
    const retargeted = { ...request.headers, 'x-amz-target': ['AWSEvents.DeleteRule'] };
    expect(await verifier.verify({ ...request, headers: retargeted })).toMatchObject({
      valid: false,
      code: 'InvalidSignatureException',
    });
  });

  it('refuses a signing time more than 15 minutes from the clock, either way', async () => {
    const request = await signed(putEvents());
    expect((await verifierAt(SIGNED_AT + 15 * 60 * 1000).verify(request)).valid).toBe(true);
    expect(await verifierAt(SIGNED_AT + 15 * 60 * 1000 + 1000).verify(request)).toMatchObject({
      valid: false,
      status: 403,
      code: 'InvalidSignatureException',
    });
    expect((await verifierAt(SIGNED_AT - 16 * 60 * 1000).verify(request)).valid).toBe(false);
  });

  it('refuses a malformed Authorization header, and one that does not sign host', async () => {
    const base = { host: '127.0.0.1:4010', 'x-amz-date': '20260115T120000Z' };
    const malformed = received('POST', '/', { ...base, authorization: 'AWS4-HMAC-SHA256 Signature=00' });
    expect(await verifier.verify(malformed)).toMatchObject({ valid: false, status: 400 });
    const withoutHost = received('POST', '/', {
      ...base,
      authorization:
        'AWS4-HMAC-SHA256 Credential=local/20260115/eu-west-1/events/aws4_request, SignedHeaders=x-amz-date, Signature=00',
    });
    expect(await verifier.verify(withoutHost)).toMatchObject({ valid: false, status: 400 });
  });

  it('checks an S3 request: path signed as sent, the declared payload hash must be the body', async () => {
    const body = 'chart bytes';
    const hash = (await import('node:crypto')).createHash('sha256').update(body).digest('hex');
    const put = (contentHash: string) =>
      signed(
        {
          method: 'PUT',
          path: '/soleil-drive/band%201/Blue%20Bossa.pdf',
          headers: { 'x-amz-content-sha256': contentHash },
          body,
        },
        { service: 's3' },
      );
    expect((await verifier.verify(await put(hash))).valid).toBe(true);
    expect((await verifier.verify(await put('UNSIGNED-PAYLOAD'))).valid).toBe(true);
    const lying = await put(hash.replace(/^./, hash.startsWith('0') ? '1' : '0'));
    expect(await verifier.verify(lying)).toMatchObject({
      valid: false,
      status: 400,
      code: 'XAmzContentSHA256Mismatch',
    });
    expect(
      await verifier.verify(await signed({ method: 'GET', path: '/b/k' }, { service: 's3', secret: 'x' })),
    ).toMatchObject({
      valid: false,
      code: 'SignatureDoesNotMatch',
    });
  });

  it('holds each body to its declared hash, also when it follows another body of the same length', async () => {
    const { createHash } = await import('node:crypto');
    const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');
    const post = (body: string, declared: string) =>
      signed({
        method: 'POST',
        path: '/local/@connections/abc',
        headers: { 'x-amz-content-sha256': declared },
        body,
      });
    // A broadcast posts one body to every connection: the verifier keeps the last hash it computed.
    const first = await post('{"seq":1}', hashOf('{"seq":1}'));
    expect((await verifier.verify(first)).valid).toBe(true);
    expect((await verifier.verify(first)).valid).toBe(true);
    const swapped = await post('{"seq":2}', hashOf('{"seq":1}'));
    expect(await verifier.verify(swapped)).toMatchObject({ valid: false, status: 400 });
    expect((await verifier.verify(await post('{"seq":2}', hashOf('{"seq":2}')))).valid).toBe(true);
  });
});

describe('SigV4Verifier, presigned URLs (query string)', () => {
  const s3 = new S3Client({
    endpoint: 'http://127.0.0.1:4010',
    region: 'eu-west-1',
    credentials,
    forcePathStyle: true,
  });
  const presignedGet = async (key: string, expiresIn: number) => {
    const url = new URL(
      await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'soleil-drive', Key: key }), {
        expiresIn,
        signingDate: new Date(SIGNED_AT),
      }),
    );
    return received('GET', `${url.pathname}${url.search}`, { host: url.host });
  };

  it('accepts an S3 presigned GET made by the SDK presigner until it expires, then refuses it', async () => {
    const request = await presignedGet('band 1/Blue Bossa (B♭).pdf', 300);
    expect(request.url).toContain('X-Amz-Signature=');
    expect(await verifierAt(SIGNED_AT + 299_000).verify(request)).toMatchObject({
      valid: true,
      service: 's3',
      presigned: true,
    });
    expect(await verifierAt(SIGNED_AT + 301_000).verify(request)).toMatchObject({
      valid: false,
      status: 403,
      code: 'AccessDenied',
      message: 'Request has expired.',
    });
  });

  it('refuses a presigned URL whose object, expiry or signature was changed', async () => {
    const request = await presignedGet('band-1/chart.pdf', 300);
    const edits = [
      request.url.replace('chart.pdf', 'other.pdf'),
      request.url.replace('X-Amz-Expires=300', 'X-Amz-Expires=3000'),
      request.url.replace(
        /X-Amz-Signature=[0-9a-f]/,
        (m) => `${m.slice(0, -1)}${m.endsWith('0') ? '1' : '0'}`,
      ),
    ];
    for (const url of edits) {
      expect(await verifier.verify({ ...request, url })).toMatchObject({
        valid: false,
        code: 'SignatureDoesNotMatch',
      });
    }
  });

  it('refuses a presigned URL with an expiry over 7 days or none at all', async () => {
    const request = await presignedGet('k', 60);
    for (const url of [
      request.url.replace('X-Amz-Expires=60', 'X-Amz-Expires=604801'),
      request.url.replace('X-Amz-Expires=60', ''),
    ]) {
      expect(await verifier.verify({ ...request, url })).toMatchObject({ valid: false, status: 400 });
    }
  });

  it('accepts a presigned request of another service (its body hash is signed), by any SigV4 client', async () => {
    const signer = new SignatureV4({
      credentials,
      region: 'eu-west-1',
      service: 'execute-api',
      sha256: NodeSha256,
    });
    const presigned = await signer.presign(
      {
        method: 'GET',
        protocol: 'http:',
        hostname: '127.0.0.1',
        port: 4010,
        path: '/local/%40connections/abc%3D',
        query: {},
        headers: { host: '127.0.0.1:4010' },
      },
      { signingDate: new Date(SIGNED_AT), expiresIn: 60 },
    );
    const query = Object.entries(presigned.query ?? {})
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join('&');
    const request = received('GET', `/local/%40connections/abc%3D?${query}`, { host: '127.0.0.1:4010' });
    expect(await verifier.verify(request)).toMatchObject({
      valid: true,
      service: 'execute-api',
      presigned: true,
    });
  });
});
