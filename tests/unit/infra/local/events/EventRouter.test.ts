import { describe, expect, it } from 'vitest';
import { DeadLetterStore } from '../../../../../infra/local/deadLetters/DeadLetterStore.ts';
import { EventArchive } from '../../../../../infra/local/events/EventArchive.ts';
import { EventRouter } from '../../../../../infra/local/events/EventRouter.ts';
import { RetryPolicy } from '../../../../../infra/local/events/RetryPolicy.ts';
import type { BusEvent } from '../../../../../infra/local/shared/BusEvent.ts';
import type { InvocationResult } from '../../../../../infra/local/shared/InvocationResult.ts';
import type { RuleModel } from '../../../../../shared/platformModel/PlatformModel.ts';

const rule = (id: string, pattern: Record<string, unknown>, maxRetries = 2): RuleModel => ({
  id,
  module: id.split('-')[0] ?? id,
  subscriptionId: id,
  events: [],
  pattern,
  functionId: `${id}-fn`,
  maxRetries,
  maxEventAgeSeconds: 3_600,
});

const event = (detailType: string, detail: unknown = {}): BusEvent => ({
  version: '0',
  id: crypto.randomUUID(),
  'detail-type': detailType,
  source: 'soleil.drive',
  account: '000000000000',
  time: new Date().toISOString(),
  region: 'eu-west-1',
  resources: [],
  detail,
});

/** One SQS record as the router hands it to a subscriber. */
interface DeliveredRecord {
  readonly messageId: string;
  readonly body: string;
  readonly attributes: { readonly ApproximateReceiveCount: string };
  readonly eventSource: string;
  readonly eventSourceARN: string;
}

const setup = (outcome: (functionId: string, attempt: number) => InvocationResult) => {
  const calls: { functionId: string; event: BusEvent; record: DeliveredRecord; records: number }[] = [];
  const deadLetters = new DeadLetterStore();
  const archive = new EventArchive();
  const router = new EventRouter({
    rules: [
      rule('content-onAdded', { source: ['soleil.drive'], 'detail-type': ['drive.file_added'] }),
      rule('sync-onAny', { source: ['soleil.drive'] }),
      rule('dashboard-onBig', { detail: { size: [{ numeric: ['>', 100] }] } }),
    ],
    invoke: async (functionId, batch) => {
      const records = (batch as { Records: DeliveredRecord[] }).Records;
      const record = records[0] as DeliveredRecord;
      calls.push({ functionId, event: JSON.parse(record.body) as BusEvent, record, records: records.length });
      return outcome(functionId, calls.filter((c) => c.functionId === functionId).length);
    },
    retryPolicy: new RetryPolicy({ timeScale: 0.001 }),
    deadLetters,
    archive,
  });
  return { router, calls, deadLetters, archive };
};

const ok: InvocationResult = { ok: true, result: null };
const boom: InvocationResult = { ok: false, errorType: 'Boom', errorMessage: 'no' };

describe('EventRouter', () => {
  it('delivers to every matching rule and no other, after PutEvents returns', async () => {
    const { router, calls, archive } = setup(() => ok);
    router.put([event('drive.file_added', { size: 5 })]);
    expect(calls).toHaveLength(0);
    await router.idle();
    expect(calls.map((c) => c.functionId).sort()).toEqual(['content-onAdded-fn', 'sync-onAny-fn']);
    expect(archive.size).toBe(1);
  });

  it('delivers in the SQS shape: a batch of one record whose body is the event, receive count = attempt', async () => {
    const { router, calls } = setup((fn, attempt) =>
      fn === 'content-onAdded-fn' && attempt === 1 ? boom : ok,
    );
    const sent = event('drive.file_added');
    router.put([sent]);
    await router.idle();
    const content = calls.filter((c) => c.functionId === 'content-onAdded-fn');
    expect(content.map((c) => c.records)).toEqual([1, 1]);
    expect(content.map((c) => c.event)).toEqual([sent, sent]);
    expect(content.map((c) => c.record.attributes.ApproximateReceiveCount)).toEqual(['1', '2']);
    expect(content[0]?.record).toMatchObject({
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:soleil-local-content-onAdded',
    });
    // SQS keeps a message's id across receives; each rule has its own message.
    expect(content[1]?.record.messageId).toBe(content[0]?.record.messageId);
    const sync = calls.find((c) => c.functionId === 'sync-onAny-fn');
    expect(sync?.record.messageId).not.toBe(content[0]?.record.messageId);
  });

  it('treats a record reported in batchItemFailures as a failure: retried, then dead-lettered', async () => {
    const { router, calls, deadLetters } = setup((fn) => ({
      ok: true,
      result: {
        batchItemFailures:
          fn === 'content-onAdded-fn' ? [{ itemIdentifier: calls.at(-1)?.record.messageId }] : [],
      },
    }));
    router.put([event('drive.file_added')]);
    await router.idle();
    expect(calls.filter((c) => c.functionId === 'content-onAdded-fn')).toHaveLength(3);
    expect(calls.filter((c) => c.functionId === 'sync-onAny-fn')).toHaveLength(1);
    expect(deadLetters.list()).toEqual([
      expect.objectContaining({
        ruleId: 'content-onAdded',
        errorType: 'Local.BatchItemFailure',
        retryAttempts: 2,
        exhaustedRetryCondition: 'MaximumRetryAttempts',
      }),
    ]);
  });

  it('retries a failing target, then dead-letters it with the exhausted condition', async () => {
    const { router, calls, deadLetters } = setup((fn) => (fn === 'content-onAdded-fn' ? boom : ok));
    router.put([event('drive.file_added')]);
    await router.idle();
    expect(calls.filter((c) => c.functionId === 'content-onAdded-fn')).toHaveLength(3);
    expect(deadLetters.list()).toEqual([
      expect.objectContaining({
        ruleId: 'content-onAdded',
        errorType: 'Boom',
        retryAttempts: 2,
        exhaustedRetryCondition: 'MaximumRetryAttempts',
      }),
    ]);
  });

  it('stops retrying once a retry succeeds', async () => {
    const { router, calls, deadLetters } = setup((_fn, attempt) => (attempt < 2 ? boom : ok));
    router.put([event('drive.file_changed')]);
    await router.idle();
    expect(calls).toHaveLength(2);
    expect(deadLetters.list()).toHaveLength(0);
  });

  it('redrives dead letters of one rule', async () => {
    let healthy = false;
    const { router, calls, deadLetters } = setup(() => (healthy ? ok : boom));
    router.put([event('drive.file_changed')]);
    await router.idle();
    expect(deadLetters.list('sync-onAny')).toHaveLength(1);
    healthy = true;
    const before = calls.length;
    expect(router.redrive('sync-onAny')).toHaveLength(1);
    await router.idle();
    expect(calls.slice(before).map((c) => c.functionId)).toEqual(['sync-onAny-fn']);
    expect(deadLetters.list()).toHaveLength(0);
  });

  it('replays an archive window with the replay name', async () => {
    const { router, calls } = setup(() => ok);
    const hourAgo = Date.now() - 3_600_000;
    router.put([event('drive.file_changed', { size: 500 })], hourAgo);
    router.put([event('drive.file_changed', { size: 500 })], hourAgo + 4_000);
    await router.idle();
    calls.length = 0;
    expect(router.replay(hourAgo - 1_000, hourAgo + 1_000, 'yesterday')).toBe(1);
    await router.idle();
    expect(calls.map((c) => c.functionId).sort()).toEqual(['dashboard-onBig-fn', 'sync-onAny-fn']);
    expect(calls[0]?.event['replay-name']).toBe('yesterday');
  });
});

describe('EventRouter stop', () => {
  it('hands back waiting deliveries and retries, lets a running one finish, and resume delivers the rest', async () => {
    let release: (() => void) | undefined;
    const { router, calls } = setup((fn) => {
      if (fn === 'content-onAdded-fn') return boom;
      return ok;
    });
    // A slow target: running when the stop begins, finishing within the drain.
    const slow = new EventRouter({
      rules: [rule('sync-onAny', { source: ['soleil.drive'] })],
      invoke: () =>
        new Promise((resolve) => {
          release = () => resolve(ok);
        }),
      retryPolicy: new RetryPolicy({ timeScale: 1 }),
      deadLetters: new DeadLetterStore(),
      archive: new EventArchive(),
    });
    slow.put([event('drive.file_added')]);
    await new Promise((resolve) => setImmediate(resolve));
    const stopping = slow.stop(1_000);
    setTimeout(() => release?.(), 20);
    expect(await stopping).toEqual([]);

    // With a real clock the first retry waits about a second: the stop finds it waiting.
    const waiting = new EventRouter({
      rules: [rule('content-onAdded', { source: ['soleil.drive'] })],
      invoke: async () => boom,
      retryPolicy: new RetryPolicy({ random: () => 1 }),
      deadLetters: new DeadLetterStore(),
      archive: new EventArchive(),
    });
    const failing = event('drive.file_added');
    const receivedAt = Date.now();
    waiting.put([failing], receivedAt);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(waiting.pendingCount).toBe(1);
    const left = await waiting.stop(1_000);
    expect(left).toEqual([{ ruleId: 'content-onAdded', event: failing, receivedAt, attempt: 2 }]);
    // An event put after the stop is archived and kept, not lost.
    waiting.put([event('drive.file_changed')]);
    expect(await waiting.stop()).toHaveLength(2);

    router.resume(left);
    await router.idle();
    expect(calls.filter((c) => c.event.id === failing.id)).toHaveLength(2);
  });

  it('keeps a delivery still running when the drain ends, and dead-letters one whose rule is gone', async () => {
    const stuck = new EventRouter({
      rules: [rule('sync-onAny', { source: ['soleil.drive'] })],
      invoke: () => new Promise(() => undefined),
      retryPolicy: new RetryPolicy(),
      deadLetters: new DeadLetterStore(),
      archive: new EventArchive(),
    });
    const e = event('drive.file_added');
    stuck.put([e], 7);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await stuck.stop(10)).toEqual([{ ruleId: 'sync-onAny', event: e, receivedAt: 7, attempt: 1 }]);

    const { router, deadLetters, calls } = setup(() => ok);
    router.resume([{ ruleId: 'removed-rule', event: e, receivedAt: 7, attempt: 3 }]);
    await router.idle();
    expect(calls).toHaveLength(0);
    expect(deadLetters.list('removed-rule')).toEqual([
      expect.objectContaining({ errorType: 'Local.RuleRemoved', retryAttempts: 2 }),
    ]);
  });
});

describe('EventRouter with a batching window (Lambda MaximumBatchingWindowInSeconds)', () => {
  const batched = (invoke: (records: DeliveredRecord[]) => InvocationResult) => {
    const invocations: DeliveredRecord[][] = [];
    const deadLetters = new DeadLetterStore();
    const router = new EventRouter({
      rules: [{ ...rule('core-observer', { source: [{ prefix: 'soleil.' }] }, 1), batchingWindowSeconds: 1 }],
      invoke: async (_functionId, batch) => {
        const records = (batch as { Records: DeliveredRecord[] }).Records;
        invocations.push(records);
        return invoke(records);
      },
      retryPolicy: new RetryPolicy({ timeScale: 0.001 }),
      deadLetters,
      archive: new EventArchive(),
    });
    return { router, invocations, deadLetters };
  };
  const idsOf = (records: readonly DeliveredRecord[]) =>
    records.map((r) => (JSON.parse(r.body) as BusEvent).id);

  it("gathers the window's events into batches of at most 10 records, invoked when the window ends", async () => {
    const { router, invocations } = batched(() => ok);
    const events = Array.from({ length: 13 }, () => event('drive.file_added'));
    router.put(events.slice(0, 4));
    router.put(events.slice(4));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(invocations).toHaveLength(0);
    await router.idle();
    // A full batch closes; the three after it open the next. Nothing before its window ended.
    expect(invocations.map((records) => records.length)).toEqual([10, 3]);
    expect(invocations.flatMap(idsOf)).toEqual(events.map((e) => e.id));
  });

  it('retries only the records the function reported failed, each on its own, then dead-letters them', async () => {
    let failedId = '';
    const { router, invocations, deadLetters } = batched((records) => ({
      ok: true,
      result: {
        batchItemFailures: records
          .filter((r) => idsOf([r])[0] === failedId)
          .map((r) => ({ itemIdentifier: r.messageId })),
      },
    }));
    const events = Array.from({ length: 3 }, () => event('drive.file_added'));
    failedId = events[1]?.id ?? '';
    router.put(events);
    await router.idle();
    // The batch of three, then the failed record alone: its retry (maxRetries 1), and it is dead-lettered.
    expect(invocations.map((records) => idsOf(records))).toEqual([events.map((e) => e.id), [failedId]]);
    expect(invocations[1]?.[0]?.attributes.ApproximateReceiveCount).toBe('2');
    expect(deadLetters.list().map((l) => (l.event as BusEvent).id)).toEqual([failedId]);
  });

  it('hands back a batch still gathering when the platform stops, record by record', async () => {
    const { router, invocations } = batched(() => ok);
    const events = [event('drive.file_added'), event('drive.file_changed')];
    router.put(events);
    const left = await router.stop();
    expect(invocations).toHaveLength(0);
    expect(left.map((d) => [d.ruleId, d.event.id, d.attempt])).toEqual(
      events.map((e) => ['core-observer', e.id, 1]),
    );
  });
});
