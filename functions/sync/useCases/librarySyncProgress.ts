import type { EventData } from '../../../shared/contracts/eventCatalog.ts';
import type { SyncDependencies } from './SyncDependencies.ts';

/** Connections of the band's leaders (reconciliation progress is for them only). */
export const leaderConnections = async (deps: SyncDependencies, bandId: string): Promise<string[]> =>
  (await deps.connections.subscriptionsOfBand(bandId))
    .filter((s) => s.role === 'leader')
    .map((s) => s.connectionId);

/** `drive.sync_started`: remembers the reconciliation and tells the leaders. */
export const librarySyncStarted = async (
  deps: SyncDependencies,
  data: EventData<'drive.sync_started'>,
): Promise<void> => {
  await deps.state.startLibrarySync({ bandId: data.bandId, syncId: data.syncId, filesSeen: 0 });
  await deps.pusher.broadcast(await leaderConnections(deps, data.bandId), {
    type: 'sync.started',
    bandId: data.bandId,
    syncId: data.syncId,
    trigger: data.trigger,
  });
};

/** A drive file event while a reconciliation runs: the leaders see the count grow. */
export const librarySyncFileSeen = async (deps: SyncDependencies, bandId: string): Promise<void> => {
  const running = await deps.state.countLibraryFile(bandId);
  if (!running) return;
  await deps.pusher.broadcast(await leaderConnections(deps, bandId), {
    type: 'sync.progress',
    bandId,
    syncId: running.syncId,
    filesSeen: running.filesSeen,
  });
};

/** `drive.sync_completed`: the leaders get the counts. */
export const librarySyncCompleted = async (
  deps: SyncDependencies,
  data: EventData<'drive.sync_completed'>,
): Promise<void> => {
  await deps.state.endLibrarySync(data.bandId);
  await deps.pusher.broadcast(await leaderConnections(deps, data.bandId), {
    type: 'sync.completed',
    bandId: data.bandId,
    syncId: data.syncId,
    added: data.added,
    changed: data.changed,
    removed: data.removed,
    durationMs: data.durationMs,
  });
};
