import { describe, expect, it } from 'vitest';
import type { EventToPublish } from '../../../../../shared/runtime/index.ts';
import { type OutboxEvent, outboxEvent } from '../../../../../shared/runtime/outbox/OutboxEvent.ts';
import type { OutboxStore } from '../../../../../shared/runtime/outbox/OutboxStore.ts';
import {
  OUTBOX_PUBLISH_FAILED_METRIC,
  OUTBOX_REPUBLISHED_METRIC,
} from '../../../../../shared/runtime/outbox/outboxConstants.ts';
import {
  drainOutbox,
  type OutboxRelayDependencies,
  publishCommitted,
} from '../../../../../shared/runtime/outbox/outboxRelay.ts';

const T0 = new Date('2025-03-01T12:00:00.000Z');
const loggedOut = (sessionId: string, at = T0): OutboxEvent =>
  outboxEvent(
    'auth.user_logged_out',
    { userId: 'u1', sessionId, reason: 'logout' },
    { correlationId: 'c1' },
    at,
  );

const fakeDeps = (options: { failFor?: (e: EventToPublish) => boolean; now?: Date } = {}) => {
  const stored = new Map<string, OutboxEvent>();
  const published: EventToPublish[] = [];
  const metrics: { name: string; value: number }[] = [];
  const warnings: string[] = [];
  const store: OutboxStore = {
    listWaiting: async (cutoff) => [...stored.values()].filter((e) => e.occurredAt < cutoff.toISOString()),
    deleteEvents: async (ids) => {
      for (const id of ids) stored.delete(id);
    },
  };
  const deps = {
    store,
    publisher: {
      publish: async () => 'unused',
      publishAll: async (events: readonly EventToPublish[]) => {
        if (events.some((e) => options.failFor?.(e) ?? false)) throw new Error('bus down');
        published.push(...events);
        return events.map((e) => e.options?.eventId ?? '');
      },
    },
    logger: { info: () => {}, warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m) },
    metrics: { addMetric: (name: string, _unit: unknown, value: number) => metrics.push({ name, value }) },
    now: () => options.now ?? T0,
  } as unknown as OutboxRelayDependencies;
  return { deps, stored, published, metrics, warnings };
};

describe('publishCommitted', () => {
  it('publishes with the stored id and time, then deletes the outbox items', async () => {
    const { deps, stored, published } = fakeDeps();
    const event = loggedOut('s1');
    stored.set(event.eventId, event);
    await publishCommitted(deps, [event]);
    expect(published).toEqual([
      {
        name: 'auth.user_logged_out',
        data: event.data,
        options: { correlationId: 'c1', eventId: event.eventId, occurredAt: T0.toISOString() },
      },
    ]);
    expect(stored.size).toBe(0);
  });

  it('does not throw when the bus fails: logs, counts and keeps the items for the drain', async () => {
    const { deps, stored, metrics, warnings } = fakeDeps({ failFor: () => true });
    const events = [loggedOut('s1'), loggedOut('s2')];
    for (const e of events) stored.set(e.eventId, e);
    await expect(publishCommitted(deps, events)).resolves.toBeUndefined();
    expect(stored.size).toBe(2);
    expect(metrics).toEqual([{ name: OUTBOX_PUBLISH_FAILED_METRIC, value: 2 }]);
    expect(warnings).toHaveLength(1);
  });
});

describe('drainOutbox', () => {
  it('republishes only events older than 30 s, one by one: a poison event does not hold the others back', async () => {
    const now = new Date(T0.getTime() + 60_000);
    const poison = loggedOut('poison');
    const { deps, stored, published, metrics } = fakeDeps({
      now,
      failFor: (e) => e.options?.eventId === poison.eventId,
    });
    const old = loggedOut('old');
    const young = loggedOut('young', new Date(now.getTime() - 5_000));
    for (const e of [old, poison, young]) stored.set(e.eventId, e);
    expect(await drainOutbox(deps)).toEqual({ published: 1, failed: 1 });
    expect(published.map((e) => e.options?.eventId)).toEqual([old.eventId]);
    expect([...stored.keys()].sort()).toEqual([poison.eventId, young.eventId].sort());
    expect(metrics).toEqual([
      { name: OUTBOX_REPUBLISHED_METRIC, value: 1 },
      { name: OUTBOX_PUBLISH_FAILED_METRIC, value: 1 },
    ]);
  });
});
