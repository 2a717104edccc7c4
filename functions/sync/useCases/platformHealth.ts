import type { EventData } from '../../../shared/contracts/eventCatalog.ts';
import { healthTransition } from '../domain/healthTransitions.ts';
import { BROADCAST_CONCURRENCY } from '../domain/syncLimits.ts';
import { leaderConnections } from './librarySyncProgress.ts';
import type { SyncDependencies } from './SyncDependencies.ts';

/**
 * `system.health_check`: when a module live updates depend on goes down, every connection hears `degraded`
 * (and leaders of a band whose library reconciliation was running hear `sync.failed` if it is the drive);
 * when it is back, `recovered`, so clients resume what they may have missed.
 */
export const reactToHealthCheck = async (
  deps: SyncDependencies,
  check: EventData<'system.health_check'>,
): Promise<{ wentDown: string[]; cameBack: string[] }> => {
  const previous = await deps.state.downModules();
  const transition = healthTransition(previous, check);
  if (transition.wentDown.length === 0 && transition.cameBack.length === 0) return transition;
  await deps.state.setDownModules(transition.down);
  const everyone = await deps.connections.allConnectionIds();
  if (transition.wentDown.length > 0) {
    await deps.pusher.broadcast(
      everyone,
      { type: 'degraded', modules: transition.wentDown, checkedAt: check.checkedAt },
      { concurrency: BROADCAST_CONCURRENCY },
    );
  }
  if (transition.cameBack.length > 0) {
    await deps.pusher.broadcast(
      everyone,
      { type: 'recovered', modules: transition.cameBack, checkedAt: check.checkedAt },
      { concurrency: BROADCAST_CONCURRENCY },
    );
  }
  if (transition.wentDown.includes('drive')) {
    for (const running of await deps.state.runningLibrarySyncs()) {
      await deps.state.endLibrarySync(running.bandId);
      await deps.pusher.broadcast(await leaderConnections(deps, running.bandId), {
        type: 'sync.failed',
        bandId: running.bandId,
        syncId: running.syncId,
        reason: 'The drive module was reported down while it reconciled the library',
      });
    }
  }
  return transition;
};
