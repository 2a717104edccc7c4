import '../../../helpers/quietPowertools.ts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as devLogin } from '../../../../functions/auth/handlers/devLogin.ts';
import { handler as googleSignIn } from '../../../../functions/auth/handlers/googleSignIn.ts';
import { handler as logout } from '../../../../functions/auth/handlers/logout.ts';
import { handler as refresh } from '../../../../functions/auth/handlers/refresh.ts';
import type { HttpEvent } from '../../../../shared/runtime/http/HttpRequest.ts';
import { lambdaContext } from '../../../helpers/httpEvents.ts';
import { type AuthTestBed, routeEvent, startAuthTestBed } from './authTestBed.ts';

type Handler = (event: HttpEvent, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

const routes: [string, Handler, string][] = [
  ['/api/auth/google', googleSignIn, 'idToken'],
  ['/api/auth/dev-login', devLogin, 'email'],
  ['/api/auth/refresh', refresh, 'refreshToken'],
  ['/api/auth/logout', logout, 'refreshToken'],
];

// Bodies near the real shape (the interesting field with any JSON value) and anything at all.
const bodyArb = (field: string) =>
  fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.record({ [field]: fc.jsonValue({ maxDepth: 2 }) }).map((v) => JSON.stringify(v)),
    fc.record({ [field]: fc.string({ maxLength: 100 }) }).map((v) => JSON.stringify(v)),
  );

describe('public auth routes never answer 5xx, whatever the body (fast-check)', () => {
  let bed: AuthTestBed;
  beforeAll(async () => {
    bed = await startAuthTestBed();
  });
  afterAll(() => bed?.stop());

  it.each(routes)('POST %s', async (path, handler, field) => {
    await fc.assert(
      fc.asyncProperty(bodyArb(field), async (body) => {
        const reply = (await handler(routeEvent('POST', path, { rawBody: body }), lambdaContext('auth'))) as {
          statusCode: number;
        };
        expect(reply.statusCode).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });
});
