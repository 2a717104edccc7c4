import '../../../../helpers/quietPowertools.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as devLogin } from '../../../../../functions/auth/handlers/devLogin.ts';
import { handler as googleSignIn } from '../../../../../functions/auth/handlers/googleSignIn.ts';
import { authDependencies } from '../../../../../functions/auth/wiring/authDependencies.ts';
import type { HttpEvent } from '../../../../../shared/runtime/http/HttpRequest.ts';
import { call, expectBadRequest, type Handler } from '../authHandlerCalls.ts';
import { type AuthTestBed, routeEvent, startAuthTestBed } from '../authTestBed.ts';

describe('sign-in handlers: Google and dev-login (DynamoDB Local, local OIDC issuer, recorded bus)', () => {
  let bed: AuthTestBed;
  beforeAll(async () => {
    bed = await startAuthTestBed();
  });
  afterAll(() => bed?.stop());

  it('creates the user, returns a session and publishes auth.user_logged_in', async () => {
    const idToken = await bed.oidc.idToken('Gina@Example.com', { name: 'Gina', sub: 'google-gina' });
    const reply = await call(googleSignIn, routeEvent('POST', '/api/auth/google', { body: { idToken } }));
    expect(reply.statusCode).toBe(200);
    expect(reply.json).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      user: { email: 'gina@example.com', name: 'Gina' },
    });
    const event = bed.published.find(
      (e) => e.name === 'auth.user_logged_in' && e.detail.data.email === 'gina@example.com',
    );
    expect(event?.detail.data).toMatchObject({
      userId: reply.json.user.userId,
      method: 'google',
      firstLogin: true,
      sessionId: reply.json.sessionId,
      memberships: [],
    });
    const again = await call(
      googleSignIn,
      routeEvent('POST', '/api/auth/google', {
        body: { idToken: await bed.oidc.idToken('gina@example.com', { sub: 'google-gina' }) },
      }),
    );
    expect(again.json.user.userId).toBe(reply.json.user.userId);
    // Same email, another Google account (its `sub`): refused, the first account keeps the user.
    const impostor = await call(
      googleSignIn,
      routeEvent('POST', '/api/auth/google', {
        body: { idToken: await bed.oidc.idToken('gina@example.com', { sub: 'google-someone-else' }) },
      }),
    );
    expect(impostor.statusCode).toBe(401);
  });

  it('links the Google account at the first Google sign-in of a user made by dev-login', async () => {
    const dev = await call(
      devLogin,
      routeEvent('POST', '/api/auth/dev-login', { body: { email: 'devfirst@example.com' } }),
    );
    expect(dev.statusCode).toBe(200);
    const linked = await call(
      googleSignIn,
      routeEvent('POST', '/api/auth/google', {
        body: { idToken: await bed.oidc.idToken('devfirst@example.com', { sub: 'sub-1' }) },
      }),
    );
    expect(linked.json.user.userId).toBe(dev.json.user.userId);
    const other = await call(
      googleSignIn,
      routeEvent('POST', '/api/auth/google', {
        body: { idToken: await bed.oidc.idToken('devfirst@example.com', { sub: 'sub-2' }) },
      }),
    );
    expect(other.statusCode).toBe(401);
  });

  it.each([
    ['email_verified: false', { email_verified: false }],
    ['another audience', { aud: 'not-our-client' }],
    ['another issuer', { iss: 'https://accounts.evil.example' }],
    ['an unpublished key', { signWithUnpublishedKey: true }],
    ['an expired token', { expiresInSeconds: -30 }],
  ])('answers 401 problem+json to an ID token with %s', async (_label, overrides) => {
    const idToken = await bed.oidc.idToken('eve@example.com', overrides);
    const reply = await call(googleSignIn, routeEvent('POST', '/api/auth/google', { body: { idToken } }));
    expect(reply.statusCode).toBe(401);
    expect(reply.headers?.['content-type']).toContain('application/problem+json');
  });

  it('answers 503 when this platform has no Google client id', async () => {
    const clientId = process.env.SOLEIL_AUTH_GOOGLE_CLIENT_ID;
    delete process.env.SOLEIL_AUTH_GOOGLE_CLIENT_ID;
    authDependencies.reset();
    try {
      const idToken = await bed.oidc.idToken('nina@example.com');
      const reply = await call(googleSignIn, routeEvent('POST', '/api/auth/google', { body: { idToken } }));
      expect(reply.statusCode).toBe(503);
      expect(reply.headers?.['content-type']).toContain('application/problem+json');
    } finally {
      process.env.SOLEIL_AUTH_GOOGLE_CLIENT_ID = clientId;
      authDependencies.reset();
    }
  });

  const badInput: [string, Handler, HttpEvent][] = [
    ['google: missing idToken', googleSignIn, routeEvent('POST', '/api/auth/google', { body: {} })],
    ['google: wrong type', googleSignIn, routeEvent('POST', '/api/auth/google', { body: { idToken: 42 } })],
    [
      'google: oversized',
      googleSignIn,
      routeEvent('POST', '/api/auth/google', { body: { idToken: 'x'.repeat(9000) } }),
    ],
    [
      'dev-login: bad email',
      devLogin,
      routeEvent('POST', '/api/auth/dev-login', { body: { email: 'nope' } }),
    ],
    [
      'dev-login: unknown instrument',
      devLogin,
      routeEvent('POST', '/api/auth/dev-login', { body: { email: 'a@b.co', instruments: ['kazoo'] } }),
    ],
    ['dev-login: not JSON', devLogin, routeEvent('POST', '/api/auth/dev-login', { rawBody: '{' })],
  ];
  it.each(badInput)('bad input → 400 problem+json, never 5xx: %s', async (_label, h, event) => {
    await expectBadRequest(h, event);
  });
});
