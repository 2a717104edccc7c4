import '../../../../helpers/quietPowertools.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as devLogin } from '../../../../../functions/auth/handlers/devLogin.ts';
import { handler as health } from '../../../../../functions/auth/handlers/health.ts';
import { handler as jwks } from '../../../../../functions/auth/handlers/jwks.ts';
import { handler as logout } from '../../../../../functions/auth/handlers/logout.ts';
import { handler as refresh } from '../../../../../functions/auth/handlers/refresh.ts';
import type { HttpEvent } from '../../../../../shared/runtime/http/HttpRequest.ts';
import { call, expectBadRequest, type Handler } from '../authHandlerCalls.ts';
import { type AuthTestBed, routeEvent, startAuthTestBed } from '../authTestBed.ts';

describe('session handlers: refresh, logout, signing keys (DynamoDB Local, recorded bus)', () => {
  let bed: AuthTestBed;
  beforeAll(async () => {
    bed = await startAuthTestBed();
  });
  afterAll(() => bed?.stop());

  it('rotates refresh tokens; a reused one revokes the whole family; logout revokes', async () => {
    const signIn = await call(
      devLogin,
      routeEvent('POST', '/api/auth/dev-login', { body: { email: 'rita@example.com' } }),
    );
    expect(signIn.statusCode).toBe(200);
    const first = signIn.json.refreshToken as string;

    const rotated = await call(
      refresh,
      routeEvent('POST', '/api/auth/refresh', { body: { refreshToken: first } }),
    );
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json.refreshToken).not.toBe(first);
    expect(rotated.json.sessionId).toBe(signIn.json.sessionId);
    expect(
      bed.published.some(
        (e) => e.name === 'auth.token_refreshed' && e.detail.data.sessionId === signIn.json.sessionId,
      ),
    ).toBe(true);

    const reuse = await call(
      refresh,
      routeEvent('POST', '/api/auth/refresh', { body: { refreshToken: first } }),
    );
    expect(reuse.statusCode).toBe(401);
    const family = await call(
      refresh,
      routeEvent('POST', '/api/auth/refresh', { body: { refreshToken: rotated.json.refreshToken } }),
    );
    expect(family.statusCode).toBe(401);
    expect(
      bed.published.filter(
        (e) => e.name === 'auth.user_logged_out' && e.detail.data.sessionId === signIn.json.sessionId,
      ),
    ).toEqual([
      expect.objectContaining({
        detail: expect.objectContaining({
          data: expect.objectContaining({ reason: 'refresh_token_reuse' }),
        }),
      }),
    ]);

    const other = await call(
      devLogin,
      routeEvent('POST', '/api/auth/dev-login', { body: { email: 'rita@example.com' } }),
    );
    const out = await call(
      logout,
      routeEvent('POST', '/api/auth/logout', { body: { refreshToken: other.json.refreshToken } }),
    );
    expect(out.statusCode).toBe(204);
    const after = await call(
      refresh,
      routeEvent('POST', '/api/auth/refresh', { body: { refreshToken: other.json.refreshToken } }),
    );
    expect(after.statusCode).toBe(401);
    expect(
      bed.published.some((e) => e.name === 'auth.user_logged_out' && e.detail.data.reason === 'logout'),
    ).toBe(true);
  });

  it('publishes the signing keys at /.well-known/jwks.json without private parts', async () => {
    const reply = await call(jwks, routeEvent('GET', '/.well-known/jwks.json'));
    expect(reply.statusCode).toBe(200);
    expect(reply.json.keys.length).toBeGreaterThan(0);
    for (const key of reply.json.keys) {
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
      expect(key).not.toHaveProperty('d');
    }
  });

  it('reports healthy when it can sign', async () => {
    expect(await health()).toMatchObject({ status: 'ok' });
  });

  it('refuses dev-login outside the local stage', async () => {
    process.env.SOLEIL_STAGE = 'prod';
    try {
      const reply = await call(
        devLogin,
        routeEvent('POST', '/api/auth/dev-login', { body: { email: 'x@example.com' } }),
      );
      expect(reply.statusCode).toBe(404);
    } finally {
      process.env.SOLEIL_STAGE = 'local';
    }
  });

  const badInput: [string, Handler, HttpEvent][] = [
    ['refresh: missing', refresh, routeEvent('POST', '/api/auth/refresh', { body: {} })],
    [
      'refresh: bad characters',
      refresh,
      routeEvent('POST', '/api/auth/refresh', { body: { refreshToken: '!'.repeat(40) } }),
    ],
    [
      'logout: oversized',
      logout,
      routeEvent('POST', '/api/auth/logout', { body: { refreshToken: 'a'.repeat(500) } }),
    ],
  ];
  it.each(badInput)('bad input → 400 problem+json, never 5xx: %s', async (_label, h, event) => {
    await expectBadRequest(h, event);
  });
});
