import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowTree } from '../../../../functions/core/domain/flowTree.ts';
import type { EmbeddedPlatform } from '../../../../infra/local/startPlatform.ts';
import { bandWithMembers, devLogin, type SignedIn } from '../../../helpers/bandFixtures.ts';
import { getFlow, waitForFlow } from '../../../helpers/flows/flowApi.ts';
import { startFlowPlatform } from '../../../helpers/flows/startFlowPlatform.ts';

// Every module of the repository on the embedded platform: a sign-in's flow read back from core's trace.
let platform: EmbeddedPlatform;
let band: { bandId: string; leader: SignedIn; members: SignedIn[] };

const LOGIN_REACTORS = ['content', 'dashboard', 'drive', 'sync'];

const signInWith = async (email: string, correlationId: string) => {
  const response = await fetch(`${platform.urls.http}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId },
    body: JSON.stringify({ email, instruments: ['trumpet'] }),
  });
  const body = (await response.json()) as { accessToken: string };
  return {
    status: response.status,
    header: response.headers.get('x-correlation-id'),
    token: body.accessToken,
  };
};

const loginReactionsDone = (tree: FlowTree): boolean => {
  const login = tree.roots.find((r) => r.name === 'auth.user_logged_in');
  const done = new Set(login?.reactions.filter((r) => r.outcome === 'ok').map((r) => r.module));
  // Dashboard's four widget updates, each relayed by sync: the whole fan-out has run.
  const relayed = (login?.caused ?? []).filter(
    (n) => n.name === 'dashboard.module_updated' && n.reactions.some((r) => r.module === 'sync'),
  );
  return LOGIN_REACTORS.every((m) => done.has(m)) && relayed.length === 4;
};

beforeAll(async () => {
  platform = await startFlowPlatform();
  band = await bandWithMembers(platform.urls.http, { email: 'lead@example.com', instruments: ['piano'] }, [
    { email: 'horn@example.com', instruments: ['trumpet'] },
    { email: 'reed@example.com', instruments: ['alto_sax'] },
  ]);
  await platform.router.idle();
}, 600_000);

afterAll(() => platform?.stop());

describe('flow trace on the embedded platform', { timeout: 120_000 }, () => {
  it('traces a sign-in: one correlation id from the request through the four reactions and what they caused', async () => {
    const correlationId = `login-${crypto.randomUUID()}`;
    const signIn = await signInWith('horn@example.com', correlationId);
    expect(signIn.status).toBe(200);
    expect(signIn.header).toBe(correlationId);

    const tree = await waitForFlow(
      platform.urls.http,
      correlationId,
      signIn.token,
      loginReactionsDone,
      60_000,
    );
    expect(tree, 'the trace never showed the flow').not.toBeNull();
    const flow = tree as FlowTree;
    expect(flow.correlationId).toBe(correlationId);
    const login = flow.roots.find((r) => r.name === 'auth.user_logged_in');
    expect(login?.producer).toBe('auth');
    expect(login?.hop).toBe(0);
    const reactions = login?.reactions.filter((r) => r.outcome === 'ok') ?? [];
    expect([...new Set(reactions.map((r) => r.module))].sort()).toEqual(LOGIN_REACTORS);
    for (const reaction of reactions) {
      expect(reaction.durationMs).toBeGreaterThanOrEqual(0);
      expect(reaction.latencyMs).toBeGreaterThanOrEqual(0);
    }
    // Dashboard's reaction called content and published its four widgets, caused by the sign-in's event.
    const dashboard = reactions.find((r) => r.module === 'dashboard');
    expect(dashboard?.calls.map((c) => `${c.module}/${c.service}.${c.operation}`).sort()).toEqual([
      'content/content_service.completedGigs',
      'content/content_service.pendingOffers',
      'content/content_service.recentlyAdded',
      'content/content_service.upcomingGigs',
    ]);
    const updates = login?.caused.filter((c) => c.name === 'dashboard.module_updated') ?? [];
    // Four only when content answered: under a content outage the dashboard stays stale and announces nothing.
    expect(updates, JSON.stringify(dashboard)).toHaveLength(4);
    for (const update of updates) {
      expect(update.producer).toBe('dashboard');
      expect(update.hop).toBe(1);
      expect(update.bandId).toBe(band.bandId);
      // sync relays each widget update to the band's channel.
      expect(update.reactions.map((r) => r.module)).toContain('sync');
    }
  });

  it('answers the flow as a Mermaid sequence diagram of what happened', async () => {
    const correlationId = `diagram-${crypto.randomUUID()}`;
    const signIn = await signInWith('horn@example.com', correlationId);
    await waitForFlow(platform.urls.http, correlationId, signIn.token, loginReactionsDone, 60_000);
    const answer = await getFlow(platform.urls.http, correlationId, signIn.token, '?format=mermaid');
    expect(answer.status).toBe(200);
    expect(answer.contentType).toContain('text/plain');
    expect(answer.text.startsWith('sequenceDiagram')).toBe(true);
    for (const m of LOGIN_REACTORS) expect(answer.text).toContain(`auth-)${m}: auth.user_logged_in`);
    expect(answer.text).toContain('dashboard->>content: content_service.recentlyAdded');
    expect(answer.text).toContain('dashboard-)sync: dashboard.module_updated');
  });

  it('shows a flow to the user who started it and to a leader of its band, and to nobody else (not a bandmate)', async () => {
    const correlationId = `access-${crypto.randomUUID()}`;
    const signIn = await signInWith('horn@example.com', correlationId);
    await waitForFlow(platform.urls.http, correlationId, signIn.token, loginReactionsDone, 60_000);
    const stranger = await devLogin(platform.urls.http, 'stranger@example.com', ['drums']);
    const leader = await devLogin(platform.urls.http, 'lead@example.com', ['piano']);

    expect((await getFlow(platform.urls.http, correlationId, leader.accessToken)).status).toBe(200);
    const refused = await getFlow(platform.urls.http, correlationId, stranger.accessToken);
    expect(refused.status).toBe(404);
    expect(refused.contentType).toContain('application/problem+json');
    // A plain member of the same band who did not start the flow does not see it either.
    const bandmate = band.members[1] as SignedIn;
    const toBandmate = await getFlow(platform.urls.http, correlationId, bandmate.accessToken);
    expect(toBandmate.status).toBe(404);
    expect(toBandmate.contentType).toContain('application/problem+json');
    // A flow that never was answers the same.
    expect((await getFlow(platform.urls.http, `nothing-${crypto.randomUUID()}`, signIn.token)).status).toBe(
      404,
    );
    // A leader of another band does not see this band's flows.
    const otherBand = await bandWithMembers(
      platform.urls.http,
      { email: 'other-lead@example.com', instruments: ['bass'] },
      [],
    );
    expect((await getFlow(platform.urls.http, correlationId, otherBand.leader.accessToken)).status).toBe(404);
  });

  it('refuses bad input with 4xx problem+json', async () => {
    const token = band.members[0]?.accessToken as string;
    for (const [id, query] of [
      ['ok-id', '?format=svg'],
      ['ok-id', '?other=1'],
      ['-starts-with-dash', ''],
      ['x'.repeat(129), ''],
      ['has space', ''],
    ] as const) {
      const answer = await getFlow(platform.urls.http, id, token, query);
      expect(answer.status, `${id}${query}`).toBeGreaterThanOrEqual(400);
      expect(answer.status, `${id}${query}`).toBeLessThan(500);
      expect(answer.contentType).toContain('application/problem+json');
    }
    const anonymous = await fetch(`${platform.urls.http}/api/system/flows/some-id`);
    expect(anonymous.status).toBe(401);
  });
});
