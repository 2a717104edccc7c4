import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BusEvent } from '../../../../infra/local/events/BusEvent.ts';
import { DeadLetterStore } from '../../../../infra/local/events/DeadLetterStore.ts';
import { EventArchive } from '../../../../infra/local/events/EventArchive.ts';

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

describe('EventArchive on disk', () => {
  it('appends events as JSON lines and reloads them for replay', async () => {
    const file = path.join(dir, 'archive.jsonl');
    const archive = new EventArchive(file);
    archive.record(event('e-1'), 1_000);
    archive.record(event('e-2'), 2_000);
    await archive.flush();
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    const reloaded = new EventArchive(file);
    expect(reloaded.size).toBe(2);
    expect(reloaded.between(1_500, 2_500).map((a) => a.event.id)).toEqual(['e-2']);
  });
});
