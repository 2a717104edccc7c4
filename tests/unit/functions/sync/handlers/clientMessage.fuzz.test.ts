import '../../../../helpers/quietPowertools.ts';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../../../../functions/sync/handlers/clientMessage.ts';
import { CLIENT_ACTIONS } from '../../../../../shared/contracts/websocket/syncMessages.ts';
import { lambdaContext } from '../../../../helpers/httpEvents.ts';
import { webSocketEvent } from '../../../shared/runtime/websocket/webSocketEvents.ts';

const identity = {
  userId: 'user-1',
  email: 'ana@example.com',
  name: 'Ana',
  memberships: [{ bandId: 'band-1', role: 'member' as const }],
  instruments: ['trumpet' as const],
};

beforeAll(() => {
  // Table names only: a refused frame never reaches a store, which is what this proves.
  process.env.SOLEIL_TABLE_CONNECTIONS = 'connections';
  process.env.SOLEIL_TABLE_BAND_LOG = 'band-log';
  process.env.SOLEIL_TABLE_LIVE_STATE = 'live-state';
});

/** Frames that are not a valid client message: junk text, JSON of other shapes, known actions with bad fields. */
const malformed = fc.oneof(
  fc.string(),
  fc.json().filter((j) => !/"action"/.test(j)),
  fc
    .record({ action: fc.string().filter((a) => !(CLIENT_ACTIONS as readonly string[]).includes(a)) })
    .map((v) => JSON.stringify(v)),
  fc
    .record({
      action: fc.constantFrom('subscribe', 'unsubscribe', 'resume'),
      bandId: fc.oneof(fc.constant(''), fc.integer(), fc.constant(null), fc.constant('bad id/../x')),
      afterSeq: fc.oneof(fc.constant(-1), fc.double(), fc.string()),
    })
    .map((v) => JSON.stringify(v)),
  fc
    .record({ action: fc.constant('ping'), id: fc.oneof(fc.integer(), fc.object()) })
    .map((v) => JSON.stringify(v)),
  fc.record({ action: fc.constant('get_stats'), extra: fc.integer() }).map((v) => JSON.stringify(v)),
);

describe('sync $default handler (fuzz)', () => {
  it('answers any malformed frame with a 4xx error frame, never a throw or a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(malformed, fc.boolean(), async (body, b64) => {
        const event = webSocketEvent({
          routeKey: '$default',
          body: b64 ? Buffer.from(body).toString('base64') : body,
          isBase64Encoded: b64,
          identity,
        });
        const response = await handler(event, lambdaContext());
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
        expect(JSON.parse(response.body ?? '')).toMatchObject({ type: 'error', routeKey: '$default' });
      }),
      { numRuns: 500 },
    );
  });

  it('answers a ping with pong and its id', async () => {
    const event = webSocketEvent({ routeKey: '$default', body: '{"action":"ping","id":"7"}', identity });
    const response = await handler(event, lambdaContext());
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body ?? '')).toMatchObject({ type: 'pong', id: '7' });
  });
});
