import '../../../../helpers/quietPowertools.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as devLogin } from '../../../../../functions/auth/handlers/devLogin.ts';
import { handler as getMe } from '../../../../../functions/auth/handlers/getMe.ts';
import { handler as updateProfile } from '../../../../../functions/auth/handlers/updateProfile.ts';
import type { HttpEvent } from '../../../../../shared/runtime/http/HttpRequest.ts';
import { call, expectBadRequest, type Handler, identityFrom, someone } from '../authHandlerCalls.ts';
import { type AuthTestBed, routeEvent, startAuthTestBed } from '../authTestBed.ts';

describe('profile handlers (DynamoDB Local)', () => {
  let bed: AuthTestBed;
  beforeAll(async () => {
    bed = await startAuthTestBed();
  });
  afterAll(() => bed?.stop());

  it('replaces the name and instruments, and /me shows them', async () => {
    const mo = await call(
      devLogin,
      routeEvent('POST', '/api/auth/dev-login', {
        body: { email: 'mo@example.com', instruments: ['alto_sax'] },
      }),
    );
    const identity = await identityFrom(mo.json.accessToken);
    const updated = await call(
      updateProfile,
      routeEvent('PUT', '/api/auth/profile', {
        body: { name: 'Mo Better', instruments: ['alto_sax', 'flute'] },
        identity,
      }),
    );
    expect(updated.statusCode).toBe(200);
    const me = await call(getMe, routeEvent('GET', '/api/auth/me', { identity }));
    expect(me.json.user).toMatchObject({ name: 'Mo Better', instruments: ['alto_sax', 'flute'] });
  });

  const badInput: [string, Handler, HttpEvent][] = [
    [
      'profile: unknown instrument',
      updateProfile,
      routeEvent('PUT', '/api/auth/profile', {
        body: { name: 'A', instruments: ['kazoo'] },
        identity: someone,
      }),
    ],
    [
      'profile: oversized name',
      updateProfile,
      routeEvent('PUT', '/api/auth/profile', {
        body: { name: 'a'.repeat(201), instruments: [] },
        identity: someone,
      }),
    ],
  ];
  it.each(badInput)('bad input → 400 problem+json, never 5xx: %s', async (_label, h, event) => {
    await expectBadRequest(h, event);
  });
});
