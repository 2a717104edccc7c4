import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedPlatform } from '../../../../infra/local/startPlatform.ts';
import { contentPublisher, fileUpdate } from '../../../helpers/contentPublisher.ts';
import { startDashboardTestPlatform } from '../../../helpers/dashboard/startDashboardTestPlatform.ts';

// Real auth, core and dashboard with a fixture content_service, over real HTTP.
let platform: EmbeddedPlatform;

beforeAll(async () => {
  platform = await startDashboardTestPlatform(
    process.env.DASHBOARD_TEST_OUTPUT ? { functionOutput: 'inherit' } : {},
  );
  // Cold starts (a TypeScript transform each) can outlast a service call's 3 s timeout on a busy machine:
  // warm content's service (and through it auth's user_service) and dashboard's functions before the flows.
  const contentService = platform.model.functions.find(
    (f) => f.module === 'content' && f.roles.includes('service'),
  );
  await platform.invoke(contentService?.id ?? '', {
    operation: 'tokensOf',
    input: { bandId: 'warm-up', userId: 'warm-up' },
    caller: 'dashboard',
    correlationId: 'warm-up',
  });
  await Promise.all(
    platform.model.functions.filter((f) => f.module === 'dashboard').map((f) => platform.invoke(f.id, {})),
  );
}, 180_000);

afterAll(() => platform?.stop());

const request = async (
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
) => {
  const response = await fetch(`${platform.urls.http}${path}`, {
    method,
    headers: {
      ...extraHeaders,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    // biome-ignore lint/suspicious/noExplicitAny: the test reads answers of several shapes; assertions check them
    json: (text ? JSON.parse(text) : null) as Record<string, any>,
  };
};

const devLogin = async (email: string, correlationId?: string): Promise<string> => {
  const signIn = await request(
    'POST',
    '/api/auth/dev-login',
    null,
    { email, instruments: ['trumpet'] },
    correlationId ? { 'x-correlation-id': correlationId } : {},
  );
  expect(signIn.status).toBe(200);
  if (correlationId) expect(signIn.headers.get('x-correlation-id')).toBe(correlationId);
  return signIn.json.accessToken as string;
};

const eventsSince = (since: number, name: string) =>
  platform.archive
    .between(since, Date.now() + 1)
    .map((a) => a.event)
    .filter((e) => e['detail-type'] === name)
    .map((e) => e.detail as { data: Record<string, unknown>; metadata: Record<string, unknown> });

const waitFor = async <T>(read: () => T | undefined, timeoutMs = 30_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** A member of a fresh band, signed in once more so the sign-in carries the membership. */
const memberOfNewBand = async (email: string) => {
  const created = await request('POST', '/api/auth/bands', await devLogin(email), {
    name: `Band of ${email}`,
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const bandId = created.json.band.bandId as string;
  await platform.router.idle();
  return { bandId, signIn: (correlationId?: string) => devLogin(email, correlationId) };
};

describe('dashboard on the embedded platform', { timeout: 90_000 }, () => {
  it('prepares the dashboard at sign-in and answers it with upcoming gigs and recently added', async () => {
    const { bandId, signIn } = await memberOfNewBand('ella@example.com');
    const since = Date.now() - 1;
    const correlationId = `sign-in-${crypto.randomUUID()}`;
    const token = await signIn(correlationId);
    const updates = await waitFor(() => {
      const found = eventsSince(since, 'dashboard.module_updated').filter(
        (e) => e.data.bandId === bandId && e.data.reason === 'login',
      );
      return found.length === 4 ? found : undefined;
    });
    expect(updates.map((e) => e.data.widget).sort()).toEqual([
      'completed_gigs',
      'pending_offers',
      'recently_added',
      'upcoming_gigs',
    ]);
    // The sign-in's x-correlation-id reaches the dashboard's reaction (through auth's event).
    expect(new Set(updates.map((e) => e.metadata.correlationId))).toEqual(new Set([correlationId]));

    const answer = await request('GET', `/api/dashboard?bandId=${bandId}`, token);
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(answer.headers.get('x-correlation-id')).toBeTruthy();
    expect(answer.json.stale).toBe(false);
    const widget = (name: string) => answer.json.widgets.find((w: { widget: string }) => w.widget === name);
    expect(widget('upcoming_gigs').items).toEqual([expect.objectContaining({ gigId: `${bandId}-next` })]);
    expect(widget('recently_added').items).toEqual([
      expect.objectContaining({ name: 'AllOfMe_Bb.pdf', token: 'Bb' }),
    ]);
  });

  it('refuses a band the caller is not in, bad ids and a missing token', async () => {
    const other = await memberOfNewBand('oscar@example.com');
    const token = await devLogin('nobody@example.com');
    const foreign = await request('GET', `/api/dashboard?bandId=${other.bandId}`, token);
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('content-type')).toContain('application/problem+json');
    expect((await request('GET', '/api/dashboard?bandId=bad%20id', token)).status).toBe(400);
    expect((await request('GET', '/api/dashboard?colour=red', token)).status).toBe(400);
    expect((await request('GET', '/api/dashboard', token)).status).toBe(404);
    expect((await request('GET', '/api/dashboard', null)).status).toBe(401);
  });

  it('deletes a removed member’s dashboard: their GET with a token that still lists the band is refused', async () => {
    const leader = await memberOfNewBand('basie@example.com');
    const invited = await request(
      'POST',
      `/api/auth/bands/${leader.bandId}/invitations`,
      await leader.signIn(),
      { email: 'freddie@example.com', role: 'member' },
    );
    expect(invited.status, JSON.stringify(invited.json)).toBeLessThan(300);
    // The invitation is granted at sign-in; this token lists the band, and stays valid after the removal.
    const member = await request('POST', '/api/auth/dev-login', null, {
      email: 'freddie@example.com',
      instruments: ['trumpet'],
    });
    expect(member.status).toBe(200);
    const memberToken = member.json.accessToken as string;
    await platform.router.idle();
    expect((await request('GET', `/api/dashboard?bandId=${leader.bandId}`, memberToken)).status).toBe(200);

    const removed = await request(
      'DELETE',
      `/api/auth/bands/${leader.bandId}/members/${member.json.user.userId}`,
      await leader.signIn(),
    );
    expect(removed.status, JSON.stringify(removed.json)).toBeLessThan(300);
    await platform.router.idle();

    // Nothing prepared is left to answer from, and content refuses to prepare it for a non-member.
    const refused = await request('GET', `/api/dashboard?bandId=${leader.bandId}`, memberToken);
    expect(refused.status, JSON.stringify(refused.json)).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
  });

  it('saves preferences, announces them and lays the dashboard out by them', async () => {
    const { bandId, signIn } = await memberOfNewBand('miles@example.com');
    const token = await signIn();
    const since = Date.now() - 1;
    const saved = await request('PUT', '/api/dashboard/preferences', token, {
      order: ['pending_offers'],
      hidden: ['completed_gigs'],
      defaultBandId: bandId,
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(saved.json.changed).toEqual(['order', 'hidden', 'defaultBandId']);
    const announced = await waitFor(() => eventsSince(since, 'dashboard.preference_changed')[0]);
    expect(announced.data.widgets).toEqual(['pending_offers', 'upcoming_gigs', 'recently_added']);

    const answer = await request('GET', '/api/dashboard', token);
    expect(answer.json.bandId).toBe(bandId);
    expect(answer.json.widgets.map((w: { widget: string }) => w.widget)).toEqual([
      'pending_offers',
      'upcoming_gigs',
      'recently_added',
    ]);

    for (const bad of [{}, { order: ['x'] }, { hidden: 'all' }, '{not json', { order: [], extra: 1 }]) {
      const refused = await request('PUT', '/api/dashboard/preferences', token, bad);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
    }
    const foreignBand = await request('PUT', '/api/dashboard/preferences', token, {
      defaultBandId: 'elsewhere',
    });
    expect(foreignBand.status).toBe(403);
  });

  it('answers the last dashboard stale while content is down, and recovers when it is back', {
    timeout: 150_000,
  }, async () => {
    const { bandId, signIn } = await memberOfNewBand('sonny@example.com');
    const token = await signIn();
    await platform.router.idle();
    expect((await request('GET', `/api/dashboard?bandId=${bandId}`, token)).json.stale).toBe(false);

    expect((await request('PUT', '/api/content/fixture/outage', null, { down: true })).status).toBe(204);
    try {
      // A refresh while content is down (this sign-in's) leaves the stored dashboard stale.
      await signIn();
      await platform.router.idle();
      const stale = await request('GET', `/api/dashboard?bandId=${bandId}`, token);
      expect(stale.status).toBe(200);
      expect(stale.json.stale).toBe(true);
      expect(stale.json.staleReason).toEqual({
        dependency: 'content.content_service',
        problem: 'service-call-failed',
      });
      expect(stale.json.widgets[0].items).toHaveLength(1);
    } finally {
      await request('PUT', '/api/content/fixture/outage', null, { down: false });
    }
    // Recovers by itself: a stale dashboard is re-prepared on read (after the breaker's cool-down if the
    // outage opened it), with no action by anyone.
    const deadline = Date.now() + 60_000;
    let recovered = await request('GET', `/api/dashboard?bandId=${bandId}`, token);
    while (recovered.json.stale === true && Date.now() < deadline) {
      expect(recovered.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 500));
      recovered = await request('GET', `/api/dashboard?bandId=${bandId}`, token);
    }
    expect(recovered.status).toBe(200);
    expect(recovered.json.stale).toBe(false);
  });

  it('refreshes Recently added once for a burst of catalogue changes of one band', async () => {
    const { bandId, signIn } = await memberOfNewBand('rita@example.com');
    await signIn();
    await platform.router.idle();
    const since = Date.now() - 1;
    const publish = contentPublisher(platform.urls.aws);
    // A folder of charts dropped at once: five changes inside the subscription's batching window.
    for (const name of ['A', 'B', 'C', 'D', 'E']) {
      await publish.updated(
        fileUpdate(bandId, `Song${name}_Bb.pdf`, { instruments: ['trumpet'], token: 'Bb' }),
      );
    }
    await waitFor(() =>
      eventsSince(since, 'dashboard.module_updated').some(
        (e) => e.data.bandId === bandId && e.data.reason === 'content_changed',
      )
        ? true
        : undefined,
    );
    await platform.router.idle();
    const updates = eventsSince(since, 'dashboard.module_updated').filter(
      (e) => e.data.bandId === bandId && e.data.reason === 'content_changed',
    );
    expect(updates.map((e) => e.data.widget)).toEqual(['recently_added']);
  });

  it('refreshes the band members’ gig widgets when content says a gig changed', async () => {
    const { bandId, signIn } = await memberOfNewBand('gigi@example.com');
    await signIn();
    await platform.router.idle();
    const since = Date.now() - 1;
    await contentPublisher(platform.urls.aws).gigUpdated({
      bandId,
      gigId: 'gig-1',
      change: 'created',
      date: '2031-06-01',
      status: 'confirmed',
      changedBy: 'someone-else',
      members: [],
    });
    const updates = await waitFor(() => {
      const found = eventsSince(since, 'dashboard.module_updated').filter(
        (e) => e.data.bandId === bandId && e.data.reason === 'gig_changed',
      );
      return found.length === 3 ? found : undefined;
    });
    expect(updates.map((e) => e.data.widget).sort()).toEqual([
      'completed_gigs',
      'pending_offers',
      'upcoming_gigs',
    ]);
  });
});
