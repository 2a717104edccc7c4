import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, HttpRequest } from '@smithy/types';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SigV4Verifier } from '../../../../../infra/local/aws/SigV4Verifier.ts';
import { HeaderSigner, signWithHeaderSignature } from '../../../../../shared/runtime/aws/HeaderSigner.ts';
import { NodeSha256 } from '../../../../../shared/runtime/aws/NodeSha256.ts';
import { headerValue, requestPath, requestQuery } from '../../../../helpers/sigV4Arbitraries.ts';

const SIGNED_AT = new Date(Date.UTC(2026, 10, 30, 5, 0, 0));

const body = fc.oneof(fc.string({ maxLength: 60 }), fc.uint8Array({ maxLength: 60 }), fc.constant(undefined));

/** Requests as the SDK's serialisers hand them to the signer: any path, query, headers and in-memory body. */
const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
  path: requestPath,
  query: requestQuery,
  headers: fc.dictionary(
    fc.oneof(
      fc.stringMatching(/^[Xx]-[a-zA-Z]{1,8}$/),
      // Ones the SDK's signer leaves unsigned or replaces, in any case.
      fc.constantFrom(
        'User-Agent',
        'x-amzn-trace-id',
        'Expect',
        'Authorization',
        'X-Amz-Date',
        'date',
        'Proxy-Authorization',
        'sec-fetch-mode',
        'X-Amz-Target',
      ),
    ),
    headerValue,
    { maxKeys: 5 },
  ),
  declaredHash: fc.option(fc.constantFrom('UNSIGNED-PAYLOAD', 'a'.repeat(64)), { nil: undefined }),
  body,
  sessionToken: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
  service: fc.constantFrom('events', 'lambda', 'dynamodb'),
  region: fc.constantFrom('eu-west-1', 'us-east-1'),
  regionInArgs: fc.boolean(),
});

/** For requests that must be signed here: a fallback to the SDK's signer fails the test. */
const noFallback = (): Promise<never> => Promise.reject(new Error('signed by the fallback'));

type Sample = typeof request extends fc.Arbitrary<infer T> ? T : never;

const httpRequestOf = (r: Sample): HttpRequest => ({
  method: r.method,
  protocol: 'https:',
  hostname: 'events.eu-west-1.amazonaws.com',
  path: r.path,
  query: r.query,
  headers: {
    host: 'events.eu-west-1.amazonaws.com',
    ...r.headers,
    ...(r.declaredHash === undefined ? {} : { 'X-Amz-Content-Sha256': r.declaredHash }),
  },
  body: r.body,
});

const credentialsOf = (r: Sample): AwsCredentialIdentity => ({
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  ...(r.sessionToken === undefined ? {} : { sessionToken: r.sessionToken }),
});

describe('HeaderSigner', () => {
  it('signs any in-memory request exactly as the SDK signer does: the same headers added, the same signature', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const credentials = credentialsOf(r);
        const sdk = new SignatureV4({
          credentials,
          region: r.region,
          service: r.service,
          sha256: NodeSha256,
        });
        const ours = new HeaderSigner({
          credentials: async () => credentials,
          region: async () => r.region,
          service: r.service,
          fallback: noFallback,
        });
        const args = {
          signingDate: SIGNED_AT,
          ...(r.regionInArgs ? { signingRegion: r.region, signingService: r.service } : {}),
        };
        const original = httpRequestOf(r);
        const before = structuredClone({ headers: original.headers, query: original.query });
        const expected = await sdk.sign(httpRequestOf(r), args);
        const signed = await ours.sign(original, args);
        expect(signed.headers).toEqual(expected.headers);
        expect(signed.query).toEqual(expected.query);
        expect(signed.path).toBe(expected.path);
        // The caller's request is left as it was: the SDK signs it again, from scratch, on a retry.
        expect({ headers: original.headers, query: original.query }).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('hands a streamed body to the SDK signer, which signs it unsigned-payload', async () => {
    const credentials = { accessKeyId: 'AKID', secretAccessKey: 'secret' };
    const streamed = (): HttpRequest => ({
      method: 'PUT',
      protocol: 'https:',
      hostname: 'h',
      path: '/a',
      query: {},
      headers: { host: 'h' },
      body: Readable.from(['x']),
    });
    const sdk = new SignatureV4({ credentials, region: 'eu-west-1', service: 'lambda', sha256: NodeSha256 });
    let fallbacks = 0;
    const ours = new HeaderSigner({
      credentials: async () => credentials,
      region: async () => 'eu-west-1',
      service: 'lambda',
      fallback: async () => {
        fallbacks++;
        return new SignatureV4({ credentials, region: 'eu-west-1', service: 'lambda', sha256: NodeSha256 });
      },
    });
    const signed = await ours.sign(streamed(), { signingDate: SIGNED_AT });
    expect(fallbacks).toBe(1);
    expect(signed.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(signed.headers).toEqual((await sdk.sign(streamed(), { signingDate: SIGNED_AT })).headers);
  });

  it('asks the provider for credentials at each request: rotated credentials sign the next one', async () => {
    let current = { accessKeyId: 'AKID1', secretAccessKey: 'one', sessionToken: 't1' };
    const ours = new HeaderSigner({
      credentials: async () => current,
      region: async () => 'eu-west-1',
      service: 'events',
      fallback: noFallback,
    });
    const req = (): HttpRequest => ({
      method: 'POST',
      protocol: 'https:',
      hostname: 'h',
      path: '/',
      query: {},
      headers: { host: 'h' },
      body: '{}',
    });
    const first = await ours.sign(req(), { signingDate: SIGNED_AT });
    current = { accessKeyId: 'AKID2', secretAccessKey: 'two', sessionToken: 't2' };
    const second = await ours.sign(req(), { signingDate: SIGNED_AT });
    const sdk = new SignatureV4({
      credentials: current,
      region: 'eu-west-1',
      service: 'events',
      sha256: NodeSha256,
    });
    expect(second.headers).toEqual((await sdk.sign(req(), { signingDate: SIGNED_AT })).headers);
    expect(second.headers.authorization).not.toBe(first.headers.authorization);
    expect(second.headers['x-amz-security-token']).toBe('t2');
  });

  describe('on an SDK client (signWithHeaderSignature)', () => {
    const credentials = { accessKeyId: 'local', secretAccessKey: 'local-secret' };
    const verifier = new SigV4Verifier({ credentials });
    const checks: Awaited<ReturnType<SigV4Verifier['verify']>>[] = [];
    let server: Server;
    let endpoint: string;

    beforeAll(async () => {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          void verifier
            .verify({
              method: req.method ?? 'GET',
              url: req.url ?? '/',
              headers: req.headersDistinct,
              body: Buffer.concat(chunks),
            })
            .then((check) => {
              checks.push(check);
              res.writeHead(check.valid ? 200 : check.status, {
                'content-type': 'application/x-amz-json-1.1',
              });
              res.end(
                JSON.stringify(
                  check.valid
                    ? { FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] }
                    : { __type: check.code },
                ),
              );
            });
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('signs every request of the client with the header signer, and the endpoint accepts them', async () => {
      const client = signWithHeaderSignature(
        new EventBridgeClient({ endpoint, region: 'eu-west-1', credentials }),
      );
      const signer = await (client.config.signer as () => Promise<unknown>)();
      expect(signer).toBeInstanceOf(HeaderSigner);
      for (let i = 0; i < 3; i++) {
        const answer = await client.send(
          new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: `{"i":${i}}` }] }),
        );
        expect(answer.Entries?.[0]?.EventId).toBe('e-1');
      }
      // Valid, and scoped to the client's own signing name (from its configuration, not passed in).
      expect(checks.slice(-3).map((c) => c.valid && c.service)).toEqual(['events', 'events', 'events']);
      // The same signer each time, not one built per request.
      expect(await (client.config.signer as () => Promise<unknown>)()).toBe(signer);
      client.destroy();
    });
  });
});
