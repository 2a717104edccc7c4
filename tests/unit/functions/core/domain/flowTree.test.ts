import { describe, expect, it } from 'vitest';
import { maySeeFlow } from '../../../../../functions/core/domain/flowAccess.ts';
import { flowTreeSteps } from '../../../../../functions/core/domain/flowSteps.ts';
import type { TracedEvent, TracedReaction } from '../../../../../functions/core/domain/flowTrace.ts';
import { buildFlowTree } from '../../../../../functions/core/domain/flowTree.ts';
import { renderSequenceDiagram } from '../../../../../shared/flows/renderSequenceDiagram.ts';
import { testIdentity } from '../../../../helpers/httpEvents.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (ms: number) => new Date(Date.UTC(2030, 0, 1) + ms).toISOString();

const event = (
  n: number,
  name: string,
  producer: string,
  cause: number | null,
  ms: number,
  extra: Partial<TracedEvent> = {},
): TracedEvent => ({
  eventId: id(n),
  name,
  source: `soleil.${producer}`,
  producer,
  correlationId: 'c-1',
  causationId: cause === null ? null : id(cause),
  hop: cause === null ? 0 : 1,
  occurredAt: at(ms),
  bandId: undefined,
  userId: undefined,
  ...extra,
});

const reaction = (
  n: number,
  module: string,
  startMs: number,
  durationMs: number,
  extra: Partial<TracedReaction> = {},
): TracedReaction => ({
  eventId: id(n),
  eventName: 'x',
  correlationId: 'c-1',
  module,
  functionId: `${module}-fn`,
  startedAt: at(startMs),
  durationMs,
  outcome: 'ok',
  calls: [],
  ...extra,
});

const login = event(1, 'auth.user_logged_in', 'auth', null, 0, { userId: 'user-1' });
const widget = event(2, 'dashboard.module_updated', 'dashboard', 1, 40, { bandId: 'band-play' });

describe('buildFlowTree', () => {
  it('puts each event under its cause with the reactions to it, and times the whole flow', () => {
    const tree = buildFlowTree('c-1', {
      events: [widget, login],
      reactions: [
        reaction(1, 'dashboard', 10, 35, {
          calls: [
            {
              module: 'content',
              service: 'content_service',
              operation: 'recentlyAdded',
              outcome: 'ok',
              startedAt: at(12),
              durationMs: 5,
            },
          ],
        }),
        reaction(1, 'drive', 5, 3),
        reaction(2, 'sync', 50, 20),
      ],
      truncated: false,
    });
    expect(tree.roots.map((r) => r.name)).toEqual(['auth.user_logged_in']);
    const root = tree.roots[0];
    expect(root?.reactions.map((r) => [r.module, r.latencyMs, r.durationMs])).toEqual([
      ['drive', 5, 3],
      ['dashboard', 10, 35],
    ]);
    expect(root?.caused.map((c) => [c.name, c.atMs, c.reactions.map((r) => r.module)])).toEqual([
      ['dashboard.module_updated', 40, ['sync']],
    ]);
    expect(tree).toMatchObject({ eventCount: 2, reactionCount: 3, durationMs: 70, truncated: false });
  });

  it("breaks a queued reaction's hop into bus, queue, wake-up, handler and DynamoDB; a direct one has no stages", () => {
    const tree = buildFlowTree('c-1', {
      events: [event(1, 'drive.file_added', 'drive', null, 0)],
      reactions: [
        reaction(1, 'content', 12, 30, {
          queuedAt: at(3),
          receivedAt: at(10),
          storage: { calls: 4, durationMs: 21.5 },
        }),
        reaction(1, 'sync', 5, 2),
      ],
      truncated: false,
    });
    const reactions = tree.roots[0]?.reactions ?? [];
    const queued = reactions.find((r) => r.module === 'content');
    const direct = reactions.find((r) => r.module === 'sync');
    expect(queued?.stages).toEqual({
      busMs: 3,
      queueMs: 7,
      wakeUpMs: 2,
      handlerMs: 30,
      storageCalls: 4,
      storageMs: 21.5,
    });
    expect(direct).not.toHaveProperty('stages');
  });

  it('keeps retries with their outcomes, and an event whose cause is not in the trace as a root', () => {
    const orphan = event(3, 'content.updated', 'content', 99, 5);
    const tree = buildFlowTree('c-1', {
      events: [login, orphan],
      reactions: [
        reaction(1, 'sync', 20, 1),
        reaction(1, 'sync', 10, 1, { outcome: 'failed', error: 'TimeoutError' }),
      ],
      truncated: true,
    });
    expect(tree.roots.map((r) => r.name)).toEqual(['auth.user_logged_in', 'content.updated']);
    expect(tree.roots[0]?.reactions.map((r) => r.outcome)).toEqual(['failed', 'ok']);
    expect(tree.truncated).toBe(true);
  });

  it('ends even when causation ids form a cycle', () => {
    const a = event(4, 'content.updated', 'content', 5, 0);
    const b = event(5, 'sync.file_updated', 'sync', 4, 1);
    const tree = buildFlowTree('c-1', { events: [a, b], reactions: [], truncated: false });
    expect(tree.eventCount).toBe(2);
    expect(tree.roots.length).toBeGreaterThan(0);
  });
});

describe('flowTreeSteps and the diagram of what happened', () => {
  it('draws each reaction, its calls, then what it caused; an event nobody handled as published', () => {
    const tree = buildFlowTree('c-1', {
      events: [login, widget],
      reactions: [
        reaction(1, 'dashboard', 10, 35, {
          calls: [
            {
              module: 'content',
              service: 'content_service',
              operation: 'upcomingGigs',
              outcome: 'ok',
              startedAt: at(11),
              durationMs: 4,
            },
          ],
        }),
      ],
      truncated: false,
    });
    const diagram = renderSequenceDiagram({
      title: 't',
      starter: { participant: 'auth', action: 'sign-in' },
      steps: flowTreeSteps(tree),
    });
    expect(diagram.split('\n').slice(2)).toEqual([
      '  participant auth',
      '  participant dashboard',
      '  participant content',
      '  Note over auth: sign-in',
      '  auth-)dashboard: auth.user_logged_in (ok, after 10 ms, 35 ms)',
      '  dashboard->>content: content_service.upcomingGigs (ok, 4 ms)',
      '  Note over dashboard: publishes dashboard.module_updated (at 40 ms)',
    ]);
  });
});

describe('maySeeFlow', () => {
  const records = (events: TracedEvent[]) => ({ events, reactions: [], truncated: false });

  it('lets the user a flow started with see it', () => {
    expect(maySeeFlow(testIdentity, records([login]))).toBe(true);
  });

  it('lets a leader of a band the flow concerns see it, not a mere member of it', () => {
    const other = { ...login, userId: 'someone-else' };
    expect(maySeeFlow(testIdentity, records([other, { ...widget, bandId: 'band-lead' }]))).toBe(true);
    expect(maySeeFlow(testIdentity, records([other, { ...widget, bandId: 'band-play' }]))).toBe(false);
  });

  it('does not count a user named by a later event as the one who started the flow', () => {
    const other = { ...login, userId: 'someone-else' };
    expect(maySeeFlow(testIdentity, records([other, { ...widget, userId: 'user-1' }]))).toBe(false);
  });
});
