import '../../../../helpers/quietPowertools.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { webSocketHandler } from '../../../../../shared/runtime/index.ts';
import { lambdaContext } from '../../../../helpers/httpEvents.ts';
import { webSocketEvent } from './webSocketEvents.ts';

const handler = webSocketHandler({
  module: 'fuzz',
  body: z.object({
    action: z.literal('join'),
    bandId: z.string().min(1),
    since: z.number().int().optional(),
  }),
  handle: async (req) => ({ body: { ok: req.body.bandId } }),
});

const jsonish = fc.oneof(
  fc.string(),
  fc.json(),
  fc
    .record({ action: fc.constantFrom('join', 'leave'), bandId: fc.string(), since: fc.anything() })
    .map((v) => JSON.stringify(v)),
);

describe('webSocketHandler (fuzz)', () => {
  it('answers any message with 200 or a 4xx error frame, never a throw or a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        jsonish,
        fc.boolean(),
        fc.option(fc.string(), { nil: undefined }),
        async (body, b64, identity) => {
          const event = webSocketEvent({
            body: b64 ? Buffer.from(body).toString('base64') : body,
            isBase64Encoded: b64,
            ...(identity === undefined ? {} : { identity }),
          });
          const response = await handler(event, lambdaContext());
          expect(
            response.statusCode === 200 || (response.statusCode >= 400 && response.statusCode < 500),
          ).toBe(true);
          if (response.statusCode !== 200) expect(JSON.parse(response.body ?? '').type).toBe('error');
        },
      ),
      { numRuns: 300 },
    );
  });
});
