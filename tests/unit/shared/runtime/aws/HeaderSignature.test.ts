import { createHash } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeaderSignature } from '../../../../../shared/runtime/aws/HeaderSignature.ts';
import { NodeSha256 } from '../../../../../shared/runtime/aws/NodeSha256.ts';
import { headerValue, requestPath, requestQuery } from '../../../../helpers/sigV4Arbitraries.ts';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local-secret' };
const SIGNED_AT = new Date(Date.UTC(2026, 10, 30, 5, 0, 0));
const AMZ_DATE = '20261130T050000Z';

const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD'),
  path: requestPath,
  query: requestQuery,
  extra: fc.dictionary(
    fc.stringMatching(/^x-[a-z]{1,8}$/).filter((n) => n !== 'x-amz-date' && n !== 'x-amz-content-sha256'),
    headerValue,
    { maxKeys: 4 },
  ),
  body: fc.string({ maxLength: 50 }),
  service: fc.constantFrom('events', 'execute-api', 'lambda', 'secretsmanager', 's3'),
  region: fc.constantFrom('eu-west-1', 'us-east-1'),
});

describe('HeaderSignature', () => {
  it('computes the signature @smithy/signature-v4 gives any header-signed request: path, query, headers, body', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const payloadHash = createHash('sha256').update(r.body).digest('hex');
        const headers = { host: '127.0.0.1:4010', 'x-amz-date': AMZ_DATE, ...r.extra };
        const signer = new SignatureV4({
          credentials,
          region: r.region,
          service: r.service,
          sha256: NodeSha256,
          uriEscapePath: r.service !== 's3',
        });
        const signed = await signer.sign(
          {
            method: r.method,
            protocol: 'http:',
            hostname: '127.0.0.1',
            path: r.path,
            query: r.query,
            headers: { ...headers, 'x-amz-content-sha256': payloadHash },
            body: r.body,
          },
          {
            signingDate: SIGNED_AT,
            signableHeaders: new Set(Object.keys(headers)),
            unsignableHeaders: new Set(['x-amz-content-sha256']),
          },
        );
        const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1];
        const computed = new HeaderSignature(credentials).of({
          method: r.method,
          path: r.path,
          query: r.query,
          headers,
          payloadHash,
          amzDate: AMZ_DATE,
          shortDate: AMZ_DATE.slice(0, 8),
          region: r.region,
          service: r.service,
        });
        expect(computed).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('signs with the key of the scope it is given: another day, region or service, another signature', () => {
    const signature = new HeaderSignature(credentials);
    const parts = {
      method: 'POST',
      path: '/',
      query: {},
      headers: { host: 'h', 'x-amz-date': AMZ_DATE },
      payloadHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      amzDate: AMZ_DATE,
      shortDate: AMZ_DATE.slice(0, 8),
      region: 'eu-west-1',
      service: 'events',
    };
    const first = signature.of(parts);
    expect(signature.of(parts)).toBe(first);
    expect(signature.of({ ...parts, region: 'us-east-1' })).not.toBe(first);
    expect(signature.of({ ...parts, service: 'lambda' })).not.toBe(first);
    expect(signature.of({ ...parts, shortDate: '20261201' })).not.toBe(first);
    expect(new HeaderSignature({ ...credentials, secretAccessKey: 'other' }).of(parts)).not.toBe(first);
  });
});
