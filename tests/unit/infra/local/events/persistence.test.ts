import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DeadLetterStore } from '../../../../../infra/local/deadLetters/DeadLetterStore.ts';
import { EventArchive } from '../../../../../infra/local/events/EventArchive.ts';
import type { BusEvent } from '../../../../../infra/local/shared/BusEvent.ts';
import { PendingWorkStore } from '../../../../../infra/local/work/PendingWorkStore.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'soleil-events-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const event = (id: string): BusEvent => ({
  version: '0',
  id,
  'detail-type': 'drive.file_added',
  source: 'soleil.drive',
  account: '000000000000',
  time: '2026-01-01T00:00:00Z',
  region: 'eu-west-1',
  resources: [],
  detail: { n: id },
});

describe('DeadLetterStore on disk', () => {
  it('keeps dead letters across restarts and forgets the ones taken', () => {
    const file = path.join(dir, 'nested', 'dead-letters.json');
    const first = new DeadLetterStore(file);
    const letter = {
      functionId: 'fn',
      event: event('e-1'),
      errorType: 'Error',
      errorMessage: 'x',
      exhaustedRetryCondition: 'MaximumRetryAttempts' as const,
      retryAttempts: 8,
    };
    first.add({ ...letter, ruleId: 'a-one' });
    first.add({ ...letter, ruleId: 'b-two' });
    expect(new DeadLetterStore(file).list().map((l) => l.ruleId)).toEqual(['a-one', 'b-two']);
    expect(first.take('a-one')).toHaveLength(1);
    expect(new DeadLetterStore(file).list().map((l) => l.ruleId)).toEqual(['b-two']);
  });
});

const DAY = 24 * 60 * 60 * 1000;

describe('EventArchive on disk', () => {
  it('appends events as JSON lines and reloads them for replay', async () => {
    const file = path.join(dir, 'archive.jsonl');
    const now = () => 10 * DAY;
    const archive = new EventArchive({ file, now });
    archive.record(event('e-1'), 10 * DAY - 2_000);
    archive.record(event('e-2'), 10 * DAY - 1_000);
    await archive.close();
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    const reloaded = new EventArchive({ file, now });
    await reloaded.close();
    expect(reloaded.size).toBe(2);
    expect(reloaded.between(10 * DAY - 1_500, 10 * DAY).map((a) => a.event.id)).toEqual(['e-2']);
  });
});

describe('EventArchive retention', () => {
  it('keeps 7 days by default: replay never sees an older event, even before a compaction', () => {
    let clock = 100 * DAY;
    const archive = new EventArchive({ now: () => clock });
    archive.record(event('old'), clock - 8 * DAY);
    archive.record(event('recent'), clock - 6 * DAY);
    expect(archive.between(0, clock).map((a) => a.event.id)).toEqual(['recent']);
    clock += 2 * DAY;
    expect(archive.between(0, clock)).toEqual([]);
  });

  it('compacts the file on start, dropping expired lines', async () => {
    const file = path.join(dir, 'compact-on-start.jsonl');
    const writer = new EventArchive({ file, now: () => 0 });
    writer.record(event('day-1'), 1 * DAY);
    writer.record(event('day-5'), 5 * DAY);
    writer.record(event('day-9'), 9 * DAY);
    await writer.close();
    const reader = new EventArchive({ file, retentionDays: 3, now: () => 10 * DAY });
    await reader.close();
    expect(reader.size).toBe(1);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { event: BusEvent }).event.id)).toEqual(['day-9']);
  });

  it('compacts periodically while running, keeping events still buffered', async () => {
    const file = path.join(dir, 'compact-periodic.jsonl');
    let clock = 10 * DAY;
    const archive = new EventArchive({ file, retentionDays: 1, compactEveryMs: 20, now: () => clock });
    archive.record(event('early'), clock - 1_000);
    await archive.flush();
    clock += DAY;
    archive.record(event('late'), clock);
    await expect.poll(() => archive.size, { timeout: 2_000 }).toBe(1);
    await archive.close();
    const ids = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { event: BusEvent }).event.id);
    expect(ids).toEqual(['late']);
    expect(await archive.compact()).toBe(0);
  });
});

describe('PendingWorkStore on disk', () => {
  it('keeps what a stop left for the next start, and removes the file once nothing is left', () => {
    const file = path.join(dir, 'pending.json');
    const work = {
      deliveries: [{ ruleId: 'a-one', event: event('e-1'), receivedAt: 5, attempt: 2 }],
      asyncInvocations: [{ functionId: 'fn', payload: { x: 1 }, receivedAt: 6, attempt: 1 }],
    };
    new PendingWorkStore(file).save(work);
    expect(new PendingWorkStore(file).load()).toEqual(work);
    new PendingWorkStore(file).save({ deliveries: [], asyncInvocations: [] });
    expect(existsSync(file)).toBe(false);
    expect(new PendingWorkStore(file).load()).toEqual({ deliveries: [], asyncInvocations: [] });
  });
});
