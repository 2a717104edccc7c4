import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { snapshotContracts } from '../../../../../shared/contracts/compatibility/snapshotContracts.ts';
import { updateContractsLock } from '../../../../../shared/contracts/compatibility/updateContractsLock.ts';
import { defineEvent } from '../../../../../shared/contracts/defineEvent.ts';

const contracts = (data: z.ZodType, description = 'A chart was filed.') =>
  snapshotContracts({
    events: [
      defineEvent({
        name: 'library.chart_filed',
        owner: 'library',
        version: 1,
        bandScoped: false,
        description,
        data,
      }),
    ],
    services: [],
    published: new Set(['library.chart_filed']),
  });
const V1 = z.object({ title: z.string() }).strict();

describe('updateContractsLock', () => {
  it('creates the first lock with its first changelog entry', () => {
    const update = updateContractsLock(undefined, contracts(V1), '2026-11-24');
    expect(update.stale).toBe(true);
    expect(update.lock.changelog).toEqual([
      { date: '2026-11-24', changes: ['Lock created: 1 event, 0 services.'] },
    ]);
    expect(update.lock.events).toEqual(contracts(V1).events);
  });

  it('keeps a lock that matches the contracts as it is', () => {
    const lock = updateContractsLock(undefined, contracts(V1), '2026-11-24').lock;
    const update = updateContractsLock(lock, contracts(V1), '2026-12-01');
    expect(update).toMatchObject({ stale: false, changes: [], breaking: [] });
    expect(update.lock).toBe(lock);
  });

  it('moves the lock on a compatible change and dates the change in the changelog', () => {
    const lock = updateContractsLock(undefined, contracts(V1), '2026-11-24').lock;
    const update = updateContractsLock(
      lock,
      contracts(V1.extend({ key: z.string().optional() })),
      '2026-12-01',
    );
    expect(update.stale).toBe(true);
    expect(update.breaking).toEqual([]);
    expect(update.lock.changelog.at(-1)).toEqual({
      date: '2026-12-01',
      changes: ['event library.chart_filed v1: data.key added, optional'],
    });
  });

  it('finds a lock stale when only documentation changed, and says so', () => {
    const lock = updateContractsLock(undefined, contracts(V1), '2026-11-24').lock;
    const update = updateContractsLock(
      lock,
      contracts(V1, 'A chart was filed in the library.'),
      '2026-12-01',
    );
    expect(update.stale).toBe(true);
    expect(update.lock.changelog.at(-1)?.changes).toEqual([
      'event library.chart_filed v1: description changed',
    ]);
    const described = updateContractsLock(
      lock,
      contracts(z.object({ title: z.string().describe('t') }).strict()),
      'x',
    );
    expect(described.changes.map((c) => c.message)).toEqual([
      'event library.chart_filed v1: data documentation changed (descriptions or defaults)',
    ]);
  });

  it('reports what breaks, for the caller to refuse the rewrite', () => {
    const lock = updateContractsLock(undefined, contracts(V1), '2026-11-24').lock;
    const update = updateContractsLock(lock, contracts(z.object({}).strict()), '2026-12-01');
    expect(update.breaking.map((c) => [c.contract, c.field])).toEqual([
      ['event library.chart_filed v1', 'data.title'],
    ]);
  });
});
