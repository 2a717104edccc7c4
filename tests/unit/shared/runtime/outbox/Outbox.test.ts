import { describe, expect, it } from 'vitest';
import {
  type EventToPublish,
  EventValidationError,
  ForeignEventError,
} from '../../../../../shared/runtime/index.ts';
import { setCurrentCorrelationId } from '../../../../../shared/runtime/observability/currentInvocation.ts';
import { outboxOver } from '../../../../../shared/runtime/outbox/Outbox.ts';
import type { OutboxEvent } from '../../../../../shared/runtime/outbox/OutboxEvent.ts';
import { OUTBOX_PUBLISH_FAILED_METRIC } from '../../../../../shared/runtime/outbox/outboxConstants.ts';
import type { OutboxRelayDependencies } from '../../../../../shared/runtime/outbox/outboxRelay.ts';

const T0 = new Date('2025-03-01T12:00:00.000Z');
const loggedOut = (sessionId: string, correlationId?: string): EventToPublish => ({
  name: 'auth.user_logged_out',
  data: { userId: 'u1', sessionId, reason: 'logout' },
  options: correlationId ? { correlationId } : {},
});

/** An outbox over an in-memory table and a recording bus; `committed` is what a store's transaction wrote. */
const harness = (options: { busDown?: boolean } = {}) => {
  const clock = { now: T0 };
  const bus = { down: options.busDown ?? false };
  const table = new Map<string, OutboxEvent>();
  const published: EventToPublish[] = [];
  const metrics: string[] = [];
  const deps = {
    store: {
      listWaiting: async () => [...table.values()],
      deleteEvents: async (ids: readonly string[]) => {
        for (const id of ids) table.delete(id);
      },
    },
    publisher: {
      publish: async () => 'unused',
      publishAll: async (events: readonly EventToPublish[]) => {
        if (bus.down) throw new Error('bus down');
        published.push(...events);
        return events.map((e) => e.options?.eventId ?? '');
      },
    },
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    metrics: { addMetric: (name: string) => metrics.push(name) },
    now: () => clock.now,
  } as unknown as OutboxRelayDependencies;
  const commitToTable = async (events: readonly OutboxEvent[]) => {
    for (const e of events) table.set(e.eventId, e);
    return 'state written';
  };
  return { outbox: outboxOver('auth', deps), table, published, metrics, commitToTable, clock, bus };
};

describe('Outbox.commit', () => {
  it('hands the store events with fresh ids, then publishes them under those ids and empties the outbox', async () => {
    const { outbox, table, published, commitToTable } = harness();
    let written: readonly OutboxEvent[] = [];
    const result = await outbox.commit([loggedOut('s1', 'c-1'), loggedOut('s2', 'c-1')], async (events) => {
      written = events;
      return commitToTable(events);
    });
    expect(result).toBe('state written');
    expect(written).toHaveLength(2);
    expect(new Set(written.map((e) => e.eventId)).size).toBe(2);
    expect(written.every((e) => e.occurredAt === T0.toISOString())).toBe(true);
    expect(published.map((e) => e.options)).toEqual(
      written.map((e) => ({ correlationId: 'c-1', eventId: e.eventId, occurredAt: T0.toISOString() })),
    );
    expect(table.size).toBe(0);
  });

  it('publishes nothing when the write throws, and rethrows', async () => {
    const { outbox, published } = harness();
    const refused = new Error('condition failed');
    await expect(
      outbox.commit([loggedOut('s1')], async () => {
        throw refused;
      }),
    ).rejects.toBe(refused);
    expect(published).toEqual([]);
  });

  it('publishes nothing when the write resolves to false (it committed nothing)', async () => {
    const { outbox, published } = harness();
    expect(await outbox.commit([loggedOut('s1')], async () => false)).toBe(false);
    expect(published).toEqual([]);
  });

  it('answers despite a bus outage: the events stay in the outbox, counted, and the drain sends the same ids', async () => {
    const down = harness({ busDown: true });
    await expect(down.outbox.commit([loggedOut('s1')], down.commitToTable)).resolves.toBe('state written');
    expect(down.metrics).toEqual([OUTBOX_PUBLISH_FAILED_METRIC]);
    const waiting = [...down.table.values()];
    expect(waiting).toHaveLength(1);

    down.bus.down = false;
    down.clock.now = new Date(T0.getTime() + 60_000);
    expect(await down.outbox.drain()).toEqual({ published: 1, failed: 0 });
    expect(down.published.map((e) => e.options?.eventId)).toEqual(waiting.map((e) => e.eventId));
    expect(down.table.size).toBe(0);
  });

  it('refuses an event that breaks its contract or belongs to another module before writing anything', async () => {
    const { outbox, published } = harness();
    let writes = 0;
    const write = async () => {
      writes++;
      return 'state written';
    };
    await expect(
      outbox.commit([{ name: 'auth.user_logged_out', data: { userId: 'u1' } } as never], write),
    ).rejects.toThrow(EventValidationError);
    await expect(
      outbox.commit(
        [{ name: 'dashboard.preference_changed', data: { userId: 'u1', changed: ['widgets'], widgets: [] } }],
        write,
      ),
    ).rejects.toThrow(ForeignEventError);
    expect(writes).toBe(0);
    expect(published).toEqual([]);
  });

  it("keeps the invocation's correlation id when the event names none", async () => {
    const { outbox, published, commitToTable } = harness();
    setCurrentCorrelationId('request-7');
    try {
      await outbox.commit([loggedOut('s1')], commitToTable);
    } finally {
      setCurrentCorrelationId(undefined);
    }
    expect(published[0]?.options?.correlationId).toBe('request-7');
  });
});
