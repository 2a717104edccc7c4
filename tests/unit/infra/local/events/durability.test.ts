import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DeadLetterStore } from '../../../../../infra/local/deadLetters/DeadLetterStore.ts';
import { DeliveryLog } from '../../../../../infra/local/events/DeliveryLog.ts';
import { EventArchive } from '../../../../../infra/local/events/EventArchive.ts';
import { EventRouter } from '../../../../../infra/local/events/EventRouter.ts';
import { RetryPolicy } from '../../../../../infra/local/events/RetryPolicy.ts';
import type { BusEvent } from '../../../../../infra/local/shared/BusEvent.ts';
import type { InvokeFunction } from '../../../../../infra/local/shared/InvocationResult.ts';
import type { RuleModel } from '../../../../../shared/platformModel/PlatformModel.ts';

// What a `kill -9` of the platform must not lose: an event PutEvents answered with an EventId. A "crash"
// here is dropping the objects without stop() or close(), then opening the same files again.

const dir = mkdtempSync(path.join(tmpdir(), 'soleil-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const event = (source = 'soleil.drive'): BusEvent => ({
  version: '0',
  id: `e-${++n}`,
  'detail-type': 'drive.file_added',
  source,
  account: '000000000000',
  time: '2026-01-01T00:00:00Z',
  region: 'eu-west-1',
  resources: [],
  detail: { n },
});

const rule = (id: string, source: string): RuleModel => ({
  id,
  module: 'content',
  subscriptionId: id,
  events: [],
  pattern: { source: [source] },
  functionId: `${id}-fn`,
  maxRetries: 0,
  maxEventAgeSeconds: 60,
});

const linesOf = (file: string): string[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '');

describe('EventArchive as the journal of PutEvents', () => {
  it('resolves an append only once its line is in the file, not 200 ms later', async () => {
    const file = path.join(dir, 'durable.jsonl');
    const archive = new EventArchive({ file });
    const first = event();
    await archive.append([first], 1_000);
    // Read behind the archive's back, before any close or flush: the acknowledged event is there.
    expect(linesOf(file).map((l) => (JSON.parse(l) as { event: BusEvent }).event.id)).toEqual([first.id]);
    await archive.close();
  });

  it('makes concurrent appends share durable writes (group commit): 50 appends, one or two writes', async () => {
    const file = path.join(dir, 'group-commit.jsonl');
    const probe = await open(path.join(dir, 'probe'), 'w');
    const handle = Object.getPrototypeOf(probe) as {
      appendFile(data: string): Promise<void>;
      datasync(): Promise<void>;
    };
    const writes = vi.spyOn(handle, 'appendFile');
    const datasync = vi.spyOn(handle, 'datasync');
    await probe.close();
    const archive = new EventArchive({ file });
    await Promise.all(Array.from({ length: 50 }, () => archive.append([event()])));
    expect(linesOf(file)).toHaveLength(50);
    // The first append starts a write; the 49 arriving meanwhile share the next one. Each write is durable
    // when it returns: the file is opened O_DSYNC (Linux, macOS), or an fdatasync follows it (elsewhere).
    expect(writes.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(writes.mock.calls.length).toBeLessThanOrEqual(2);
    expect(datasync.mock.calls.length).toBe(process.platform === 'win32' ? writes.mock.calls.length : 0);
    writes.mockRestore();
    datasync.mockRestore();
    await archive.close();
  });

  it('drops a line a crash cut short, and appends after it cleanly', async () => {
    const file = path.join(dir, 'torn.jsonl');
    const whole = event();
    writeFileSync(file, `${JSON.stringify({ receivedAt: Date.now(), event: whole })}\n{"receivedAt":17`);
    const archive = new EventArchive({ file });
    expect(archive.after(null).map((a) => a.event.id)).toEqual([whole.id]);
    const next = event();
    await archive.append([next]);
    await archive.close();
    expect(new EventArchive({ file }).after(null).map((a) => a.event.id)).toEqual([whole.id, next.id]);
  });

  it('lists what was archived after an event, or everything when that one is gone', () => {
    const archive = new EventArchive();
    const [a, b, c] = [event(), event(), event()];
    void archive.append([a, b, c]);
    expect(archive.after(a.id).map((x) => x.event.id)).toEqual([b.id, c.id]);
    expect(archive.after(c.id)).toEqual([]);
    expect(archive.after('expired-long-ago').map((x) => x.event.id)).toEqual([a.id, b.id, c.id]);
    expect(archive.lastId).toBe(c.id);
  });
});

describe('DeliveryLog', () => {
  it('keeps its mark and the settled deliveries across a crash, skipping a torn line', async () => {
    const file = path.join(dir, 'deliveries.jsonl');
    const log = new DeliveryLog(file);
    expect(log.since).toBeUndefined();
    await log.restart('e-mark');
    log.settle('e-1', 'rule-a');
    await log.flush();
    appendFileSync(file, '{"e":"e-2","r":');
    const reopened = new DeliveryLog(file);
    expect(reopened.since).toBe('e-mark');
    expect(reopened.isSettled('e-1', 'rule-a')).toBe(true);
    expect(reopened.isSettled('e-1', 'rule-b')).toBe(false);
    expect(reopened.isSettled('e-2', 'rule-a')).toBe(false);
    await reopened.restart(null);
    expect(new DeliveryLog(file).isSettled('e-1', 'rule-a')).toBe(false);
    expect(new DeliveryLog(file).since).toBeNull();
  });
});

describe('EventRouter after a crash', () => {
  const open = (name: string, invoke: InvokeFunction) => {
    const archive = new EventArchive({ file: path.join(dir, `${name}-archive.jsonl`) });
    const deliveryLog = new DeliveryLog(path.join(dir, `${name}-deliveries.jsonl`));
    const router = new EventRouter({
      rules: [rule('content-onDrive', 'soleil.drive'), rule('sync-onDrive', 'soleil.drive')],
      invoke,
      retryPolicy: new RetryPolicy({ timeScale: 0.001 }),
      deadLetters: new DeadLetterStore(),
      archive,
      deliveryLog,
    });
    return { archive, deliveryLog, router };
  };

  it('delivers every acknowledged event that was not delivered, and only those', async () => {
    // Run 1: content's deliveries succeed, sync's hang (its function is busy) when the process dies.
    const delivered: string[] = [];
    const run1 = open('crash', async (functionId, batch) => {
      const body = (batch as { Records: { body: string }[] }).Records[0]?.body ?? '{}';
      delivered.push(`${functionId} ${(JSON.parse(body) as BusEvent).id}`);
      return functionId === 'content-onDrive-fn' ? { ok: true, result: null } : new Promise(() => undefined);
    });
    await run1.deliveryLog.restart(run1.archive.lastId);
    const acknowledged = [event(), event(), event()];
    for (const e of acknowledged) await run1.router.put([e]);
    await vi.waitFor(() => expect(delivered).toHaveLength(6));
    await run1.deliveryLog.flush();
    // kill -9: nothing is stopped, closed or saved.

    const redelivered: string[] = [];
    const run2 = open('crash', async (functionId, batch) => {
      const body = (batch as { Records: { body: string }[] }).Records[0]?.body ?? '{}';
      redelivered.push(`${functionId} ${(JSON.parse(body) as BusEvent).id}`);
      return { ok: true, result: null };
    });
    expect(run2.router.recoverUndelivered(run2.deliveryLog.since ?? null)).toBe(3);
    await run2.router.idle();
    expect(redelivered.sort()).toEqual(acknowledged.map((e) => `sync-onDrive-fn ${e.id}`).sort());

    // Once delivered, a third start finds nothing left.
    await run2.deliveryLog.flush();
    const run3 = open('crash', async () => ({ ok: true, result: null }));
    expect(run3.router.recoverUndelivered(run3.deliveryLog.since ?? null)).toBe(0);
  });

  it('recovers nothing from before the mark a clean stop left', async () => {
    const run1 = open('clean', async () => ({ ok: true, result: null }));
    await run1.deliveryLog.restart(null);
    await run1.router.put([event(), event()]);
    await run1.router.stop(1_000);
    await run1.archive.close();
    await run1.deliveryLog.restart(run1.archive.lastId);
    const run2 = open('clean', async () => ({ ok: true, result: null }));
    expect(run2.router.recoverUndelivered(run2.deliveryLog.since ?? null)).toBe(0);
  });
});
