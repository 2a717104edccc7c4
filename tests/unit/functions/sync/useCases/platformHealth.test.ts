import { describe, expect, it } from 'vitest';
import { reactToHealthCheck } from '../../../../../functions/sync/useCases/platformHealth.ts';
import type { EventData } from '../../../../../shared/contracts/eventCatalog.ts';
import {
  connectedMember,
  inMemorySyncDependencies,
  seat,
} from '../../../../helpers/sync/inMemorySyncDependencies.ts';

type Status = EventData<'system.health_check'>['modules'][number]['status'];

const check = (checkedAt: string, statuses: Record<string, Status>) =>
  ({
    checkedAt,
    modules: Object.entries(statuses).map(([name, status]) => ({ name, status })),
  }) as EventData<'system.health_check'>;

const everyoneUp = { auth: 'ok', content: 'ok', drive: 'ok', dashboard: 'ok' } as const;

/** Two bands: a leader and a member in band-1, a member of band-2, and a connection with no band yet. */
const platform = async () => {
  const sync = inMemorySyncDependencies();
  await connectedMember(sync.connections, seat('c-leo', 'leo', 'band-1', 'leader'));
  await connectedMember(sync.connections, seat('c-ana', 'ana', 'band-1', 'member'));
  await connectedMember(sync.connections, seat('c-bob', 'bob', 'band-2', 'member'));
  await sync.connections.putConnection({
    connectionId: 'c-new',
    userId: 'sue',
    instruments: [],
    connectedAt: '2026-06-01T12:00:00.000Z',
    expiresAt: 2_000_000_000,
  });
  return sync;
};

const framesOfType = (sync: Awaited<ReturnType<typeof platform>>, connectionId: string, type: string) =>
  sync.pusher.to(connectionId).filter((m) => m.type === type);

describe('reactToHealthCheck', () => {
  it('tells every connection once when a dependency goes down, and once when it is back', async () => {
    const sync = await platform();
    await reactToHealthCheck(sync.deps, check('2026-06-01T12:00:00.000Z', everyoneUp));
    expect(sync.pusher.pushes).toEqual([]);

    const down = await reactToHealthCheck(
      sync.deps,
      check('2026-06-01T12:01:00.000Z', { ...everyoneUp, content: 'down', billing: 'down' }),
    );
    expect(down).toMatchObject({ wentDown: ['content'], cameBack: [] });
    for (const c of ['c-leo', 'c-ana', 'c-bob', 'c-new']) {
      expect(framesOfType(sync, c, 'degraded')).toEqual([
        { type: 'degraded', modules: ['content'], checkedAt: '2026-06-01T12:01:00.000Z' },
      ]);
    }
    // Still down at the next check: no news, no frame.
    await reactToHealthCheck(
      sync.deps,
      check('2026-06-01T12:02:00.000Z', { ...everyoneUp, content: 'down' }),
    );
    expect(sync.pusher.pushes).toHaveLength(4);
    expect(await sync.state.downModules()).toEqual(['content']);

    await reactToHealthCheck(sync.deps, check('2026-06-01T12:03:00.000Z', everyoneUp));
    for (const c of ['c-leo', 'c-ana', 'c-bob', 'c-new']) {
      expect(framesOfType(sync, c, 'recovered')).toEqual([
        { type: 'recovered', modules: ['content'], checkedAt: '2026-06-01T12:03:00.000Z' },
      ]);
    }
    expect(await sync.state.downModules()).toEqual([]);
  });

  it('ends a reconciliation the drive was running when the drive goes down: sync.failed to its leaders only', async () => {
    const sync = await platform();
    await sync.state.startLibrarySync({ bandId: 'band-1', syncId: 'sync-1', filesSeen: 3 });
    await reactToHealthCheck(sync.deps, check('2026-06-01T12:01:00.000Z', { ...everyoneUp, drive: 'down' }));

    expect(framesOfType(sync, 'c-leo', 'sync.failed')).toEqual([
      {
        type: 'sync.failed',
        bandId: 'band-1',
        syncId: 'sync-1',
        reason: 'The drive module was reported down while it reconciled the library',
      },
    ]);
    expect(framesOfType(sync, 'c-ana', 'sync.failed')).toEqual([]);
    expect(framesOfType(sync, 'c-ana', 'degraded')).toHaveLength(1);
    expect(await sync.state.runningLibrarySyncs()).toEqual([]);
  });
});
