import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedPlatform, startPlatform } from '../../../../infra/local/startPlatform.ts';
import { type LocalOidcIssuer, startLocalOidcIssuer } from '../../../helpers/localOidcIssuer.ts';

const post = (base: string, path: string, body: unknown, token?: string) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

describe('auth flow on the embedded platform, through real HTTP', () => {
  let platform: EmbeddedPlatform;
  let oidc: LocalOidcIssuer;
  let http: string;

  beforeAll(async () => {
    oidc = await startLocalOidcIssuer();
    // Module settings reach the functions from the developer's environment on the embedded platform.
    process.env.SOLEIL_AUTH_GOOGLE_ISSUER = oidc.issuer;
    process.env.SOLEIL_AUTH_GOOGLE_JWKS_URL = oidc.jwksUrl;
    process.env.SOLEIL_AUTH_GOOGLE_CLIENT_ID = oidc.clientId;
    platform = await startPlatform({
      ports: { http: 0, ws: 0, aws: 0, dynamodb: 0 },
      dataDir: null,
      schedules: false,
      functionOutput: 'silent',
      retry: { timeScale: 0.001 },
      log: () => undefined,
    });
    http = platform.urls.http;
  }, 120_000);
  afterAll(async () => {
    await platform?.stop();
    await oidc?.stop();
  });

  it('signs in with Google → /me → refresh → reuse revokes the family → logout; the bus sees the login', async () => {
    const idToken = await oidc.idToken('flo@example.com', { name: 'Flo' });
    const signIn = await post(http, '/api/auth/google', { idToken });
    expect(signIn.status).toBe(200);
    const session = (await signIn.json()) as {
      accessToken: string;
      refreshToken: string;
      sessionId: string;
      user: { userId: string };
    };

    const me = await fetch(`${http}/api/auth/me`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { email: 'flo@example.com', name: 'Flo' } });
    expect((await fetch(`${http}/api/auth/me`)).status).toBe(401);
    expect((await fetch(`${http}/api/auth/me`, { headers: { authorization: 'Bearer x.y.z' } })).status).toBe(
      401,
    );

    const refreshed = await post(http, '/api/auth/refresh', { refreshToken: session.refreshToken });
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as { refreshToken: string; accessToken: string };

    expect((await post(http, '/api/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
    expect((await post(http, '/api/auth/refresh', { refreshToken: next.refreshToken })).status).toBe(401);

    const again = (await (await post(http, '/api/auth/google', { idToken })).json()) as {
      refreshToken: string;
    };
    expect((await post(http, '/api/auth/logout', { refreshToken: again.refreshToken })).status).toBe(204);
    expect((await post(http, '/api/auth/refresh', { refreshToken: again.refreshToken })).status).toBe(401);

    const unverified = await post(http, '/api/auth/google', {
      idToken: await oidc.idToken('x@example.com', { email_verified: false }),
    });
    expect(unverified.status).toBe(401);

    const logins = platform.archive
      .between(0, Date.now() + 1000)
      .filter((a) => a.event['detail-type'] === 'auth.user_logged_in')
      .map((a) => (a.event.detail as { data: Record<string, unknown> }).data);
    expect(logins[0]).toMatchObject({
      userId: session.user.userId,
      email: 'flo@example.com',
      name: 'Flo',
      method: 'google',
      sessionId: session.sessionId,
      firstLogin: true,
    });
    const reasons = platform.archive
      .between(0, Date.now() + 1000)
      .filter((a) => a.event['detail-type'] === 'auth.user_logged_out')
      .map((a) => (a.event.detail as { data: { reason: string } }).data.reason);
    expect(reasons.sort()).toEqual(['logout', 'refresh_token_reuse']);
  });
});
