import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedPlatform } from '../../../../infra/local/startPlatform.ts';
import {
  type FunctionsDirWithRealAuth,
  functionsDirWithRealAuth,
} from '../../../fixtures/auth-login-probe/functionsDirWithRealAuth.ts';
import { ProbeListener } from '../../../fixtures/modules-local/ProbeListener.ts';
import { startTestPlatform } from '../../../helpers/startTestPlatform.ts';

describe('a subscriber of auth.user_logged_in on the embedded platform (real auth module)', () => {
  let dir: FunctionsDirWithRealAuth;
  let platform: EmbeddedPlatform;
  const probes = new ProbeListener();

  beforeAll(async () => {
    dir = functionsDirWithRealAuth();
    platform = await startTestPlatform({ functionsDir: dir.functionsDir, model: dir.model });
  }, 120_000);
  afterAll(async () => {
    probes.close();
    await platform?.stop();
    dir?.remove();
  });

  it('receives the typed login data, with the event id the bus carried', async () => {
    const reply = await fetch(`${platform.urls.http}/api/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'Probe@Example.com', name: 'Probe', instruments: ['bass'] }),
    });
    expect(reply.status).toBe(200);
    const session = (await reply.json()) as { sessionId: string; user: { userId: string } };

    await probes.until((p) => p.of('login-probe-onUserLoggedIn').length === 1);
    const seen = probes.of('login-probe-onUserLoggedIn')[0]?.data as {
      name: string;
      eventId: string;
      data: Record<string, unknown>;
    };
    expect(seen.name).toBe('auth.user_logged_in');
    expect(seen.data).toEqual({
      userId: session.user.userId,
      email: 'probe@example.com',
      name: 'Probe',
      method: 'dev',
      sessionId: session.sessionId,
      firstLogin: true,
      memberships: [],
      instruments: ['bass'],
    });
    const archived = platform.archive
      .between(0, Date.now() + 1000)
      .find((a) => a.event['detail-type'] === 'auth.user_logged_in');
    const detail = archived?.event.detail as { metadata: { eventId: string } } | undefined;
    expect(detail?.metadata.eventId).toBe(seen.eventId);
  });
});
