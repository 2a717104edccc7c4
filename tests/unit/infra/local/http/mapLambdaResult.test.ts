import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapLambdaResult } from '../../../../../infra/local/http/mapLambdaResult.ts';

describe('mapLambdaResult', () => {
  it('infers 200 application/json for results without statusCode, as HTTP APIs do', () => {
    for (const result of [{ a: 1 }, 'text', 42, [1, 2], null, undefined]) {
      const response = mapLambdaResult(result);
      expect(response.status).toBe(200);
      expect(response.headers).toEqual([['content-type', 'application/json']]);
      expect(response.body.toString()).toBe(JSON.stringify(result ?? null));
    }
  });

  it('maps a structured result, lower-casing header names', () => {
    const response = mapLambdaResult({
      statusCode: 204,
      headers: { 'Content-Type': 'text/plain', 'X-N': 1 },
    });
    expect(response).toEqual({
      status: 204,
      headers: [
        ['content-type', 'text/plain'],
        ['x-n', '1'],
      ],
      body: Buffer.alloc(0),
    });
  });

  it('answers 500 for a malformed structured result', () => {
    for (const result of [
      { statusCode: '200' },
      { statusCode: 99 },
      { statusCode: 200, body: {} },
      { statusCode: 200, cookies: 'a' },
    ]) {
      expect(mapLambdaResult(result).status).toBe(500);
    }
  });

  it('never throws, whatever a function returns', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ statusCode: fc.anything(), body: fc.anything(), headers: fc.anything() }),
        ),
        (result) => {
          const response = mapLambdaResult(result);
          expect(response.status).toBeGreaterThanOrEqual(100);
        },
      ),
      { numRuns: 500 },
    );
  });
});
