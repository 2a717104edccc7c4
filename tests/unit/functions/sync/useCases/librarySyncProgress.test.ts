import { describe, expect, it } from 'vitest';
import {
  librarySyncCompleted,
  librarySyncFileSeen,
  librarySyncStarted,
} from '../../../../../functions/sync/useCases/librarySyncProgress.ts';
import {
  connectedMember,
  inMemorySyncDependencies,
  seat,
} from '../../../../helpers/sync/inMemorySyncDependencies.ts';

describe('library reconciliation progress', () => {
  it('shows a reconciliation to the band’s connected leaders only, as it starts, grows and completes', async () => {
    const sync = inMemorySyncDependencies();
    await connectedMember(sync.connections, seat('c-leo', 'leo', 'band-1', 'leader'));
    await connectedMember(sync.connections, seat('c-liz', 'liz', 'band-1', 'leader'));
    await connectedMember(sync.connections, seat('c-ana', 'ana', 'band-1', 'member'));
    await connectedMember(sync.connections, seat('c-max', 'max', 'band-2', 'leader'));

    await librarySyncStarted(sync.deps, {
      bandId: 'band-1',
      syncId: 'sync-1',
      trigger: 'schedule',
      requestedBy: null,
    });
    await librarySyncFileSeen(sync.deps, 'band-1');
    await librarySyncFileSeen(sync.deps, 'band-1');
    await librarySyncCompleted(sync.deps, {
      bandId: 'band-1',
      syncId: 'sync-1',
      added: 2,
      changed: 0,
      removed: 0,
      unchanged: 5,
      durationMs: 850,
    });

    const expected = [
      { type: 'sync.started', bandId: 'band-1', syncId: 'sync-1', trigger: 'schedule' },
      { type: 'sync.progress', bandId: 'band-1', syncId: 'sync-1', filesSeen: 1 },
      { type: 'sync.progress', bandId: 'band-1', syncId: 'sync-1', filesSeen: 2 },
      {
        type: 'sync.completed',
        bandId: 'band-1',
        syncId: 'sync-1',
        added: 2,
        changed: 0,
        removed: 0,
        durationMs: 850,
      },
    ];
    expect(sync.pusher.to('c-leo')).toEqual(expected);
    expect(sync.pusher.to('c-liz')).toEqual(expected);
    expect(sync.pusher.to('c-ana')).toEqual([]);
    expect(sync.pusher.to('c-max')).toEqual([]);
  });

  it('a file event with no reconciliation running shows nothing', async () => {
    const sync = inMemorySyncDependencies();
    await connectedMember(sync.connections, seat('c-leo', 'leo', 'band-1', 'leader'));
    await librarySyncFileSeen(sync.deps, 'band-1');
    expect(sync.pusher.pushes).toEqual([]);
  });
});
