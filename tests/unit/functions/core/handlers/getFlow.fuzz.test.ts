import '../../../../helpers/quietPowertools.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handler } from '../../../../../functions/core/handlers/getFlow.ts';
import { httpEvent, lambdaContext, testIdentity } from '../../../../helpers/httpEvents.ts';

const SANE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Requests no flow could answer: a malformed id, a query the route does not take, or no caller. */
const malformed = fc.oneof(
  fc.record({
    id: fc.string({ maxLength: 300 }).filter((s) => !SANE.test(s)),
    query: fc.constant<Record<string, string>>({}),
    identity: fc.constant(true),
  }),
  fc.record({
    id: fc.constant('login-1'),
    query: fc.oneof(
      fc.record({ format: fc.string().filter((f) => f !== 'json' && f !== 'mermaid') }),
      fc.dictionary(
        fc.string({ minLength: 1 }).filter((k) => k !== 'format'),
        fc.string(),
        { minKeys: 1 },
      ),
    ),
    identity: fc.constant(true),
  }),
  fc.record({
    id: fc.constant('login-1'),
    query: fc.constant<Record<string, string>>({}),
    identity: fc.constant(false),
  }),
);

describe('GET /api/system/flows/{correlationId} (fuzz)', () => {
  it('answers malformed input with a 4xx problem+json, never a 5xx, before reading the trace', async () => {
    await fc.assert(
      fc.asyncProperty(malformed, async ({ id, query, identity }) => {
        const response = await handler(
          httpEvent({
            method: 'GET',
            path: `/api/system/flows/${encodeURIComponent(id)}`,
            pathParameters: { correlationId: id },
            query,
            identity: identity ? testIdentity : null,
          }),
          lambdaContext('core-getFlow'),
        );
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
        expect(response.headers?.['content-type']).toBe('application/problem+json');
      }),
      { numRuns: 500 },
    );
  });
});
