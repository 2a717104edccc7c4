import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedPlatform } from '../../../../infra/local/startPlatform.ts';
import { repositoryRoot } from '../../../../shared/platformModel/loadPlatformModel.ts';
import { routeThrottle } from '../../../../shared/platformModel/routeThrottle.ts';
import { startTestPlatform } from '../../../helpers/startTestPlatform.ts';

/**
 * The hardening issue's finding, as a regression: 200 dev-logins in 7 s and 300 forged refresh tokens in 1 s
 * were all answered. The embedded edge's clock stands still here, so the flood is judged without waiting.
 */
describe('auth’s sign-in and refresh under a flood, on the embedded edge (real auth module)', () => {
  let platform: EmbeddedPlatform;
  let now = Date.parse('2030-01-01T00:00:00Z');

  beforeAll(async () => {
    platform = await startTestPlatform({
      functionsDir: path.join(repositoryRoot(), 'functions'),
      httpClock: () => now,
    });
  }, 120_000);
  afterAll(() => platform?.stop());

  const post = (route: string, body: unknown) =>
    fetch(`${platform.urls.http}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const limitsOf = (routeKey: string) => {
    const limits = routeThrottle(platform.model.throttling, routeKey);
    // The manifest's own limits, far below the platform default: a flood is refused long before the default.
    expect(limits).not.toEqual(platform.model.throttling.default);
    return limits;
  };

  it('answers a burst of dev-logins, refuses the rest of 200 with 429 and Retry-After, then lets one more in', async () => {
    const limits = limitsOf('POST /api/auth/dev-login');
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => post('/api/auth/dev-login', { email: `flood${i}@example.com` })),
    );
    // Exactly a burst gets past the edge to the function; what the function answers (a session, or an error
    // when a cold start on a loaded machine runs out of time) is not what this test is about.
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(200 - limits.burstLimit);
    const refused = answers.find((a) => a.status === 429);
    expect(refused?.headers.get('retry-after')).toBe(String(Math.ceil(1 / limits.rateLimit)));
    expect(refused?.headers.get('content-type')).toBe('application/problem+json');
    expect(await refused?.json()).toMatchObject({ status: 429, title: 'Too many requests' });

    now += Math.ceil(1000 / limits.rateLimit);
    expect((await post('/api/auth/dev-login', { email: 'patient@example.com' })).status).not.toBe(429);
    expect((await post('/api/auth/dev-login', { email: 'eager@example.com' })).status).toBe(429);
  }, 90_000);

  it('checks a burst of forged refresh tokens and refuses the rest of 300 before they cost a lookup', async () => {
    const limits = limitsOf('POST /api/auth/refresh');
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        post('/api/auth/refresh', { refreshToken: `forged-${i}`.padEnd(43, 'x') }),
      ),
    );
    expect(answers.filter((a) => a.status === 429)).toHaveLength(300 - limits.burstLimit);
    const refused = answers.find((a) => a.status === 429);
    expect(refused?.headers.get('retry-after')).toBe(String(Math.ceil(1 / limits.rateLimit)));
  }, 90_000);

  it('keeps each route’s bucket to itself: a flooded sign-in does not throttle the rest of the API', async () => {
    expect((await fetch(`${platform.urls.http}/api/system/health`)).status).not.toBe(429);
  });
});
