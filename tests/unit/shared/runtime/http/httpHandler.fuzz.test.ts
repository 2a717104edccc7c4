import '../../../../helpers/quietPowertools.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { httpHandler } from '../../../../../shared/runtime/index.ts';
import { httpEvent, lambdaContext, testIdentity } from '../../../../helpers/httpEvents.ts';

const route = httpHandler({
  module: 'fuzz',
  body: z.object({ title: z.string().max(50), tags: z.array(z.string()).max(5) }).strict(),
  query: z.object({ limit: z.coerce.number().int().min(1).max(100).optional() }),
  path: z.object({ bandId: z.string().regex(/^[a-z0-9-]+$/) }),
  maxBodyBytes: 4096,
  handle: async (req) => ({ body: { ok: true, title: req.body.title } }),
});

const headerName = fc.constantFrom(
  'content-type',
  'x-correlation-id',
  'Content-Type',
  'X-Correlation-Id',
  'accept',
);
const headerValue = fc.oneof(
  fc.string(),
  fc.constantFrom('application/json', 'text/plain', 'application/vnd.api+json; charset=utf-8', ''),
);
const body = fc.oneof(
  fc.string(),
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.record({ title: fc.string(), tags: fc.array(fc.string()) }).map((v) => JSON.stringify(v)),
  fc.string({ minLength: 4000, maxLength: 6000 }),
);
const identity = fc.oneof(
  fc.constant(undefined),
  fc.string(),
  fc.constant(JSON.stringify(testIdentity)),
  fc.jsonValue().map((v) => JSON.stringify(v)),
);

describe('httpHandler under random input', () => {
  it('never answers 5xx and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.boolean(),
        fc.dictionary(headerName, headerValue, { maxKeys: 4 }),
        fc.dictionary(fc.constantFrom('limit', 'other'), fc.string(), { maxKeys: 2 }),
        fc.string({ maxLength: 20 }),
        identity,
        async (rawBody, base64, headers, query, bandId, encodedIdentity) => {
          const event = httpEvent({
            body: base64 ? Buffer.from(rawBody).toString('base64') : rawBody,
            isBase64Encoded: base64,
            headers,
            query,
            pathParameters: { bandId },
            ...(encodedIdentity === undefined ? {} : { identity: encodedIdentity }),
          });
          const response = await route(event, lambdaContext());
          expect(response.statusCode).toBeGreaterThanOrEqual(200);
          expect(response.statusCode).toBeLessThan(500);
          expect(() => JSON.parse(response.body ?? '')).not.toThrow();
          expect(response.headers?.['x-correlation-id']).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/);
        },
      ),
      { numRuns: 1500 },
    );
  });
});
