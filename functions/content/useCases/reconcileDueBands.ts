import type { ContentDependencies } from './ContentDependencies.ts';
import { reconcileBand } from './reconcileBand.ts';

/** How much one scheduled run may do, and how often a band is checked. */
export interface ReconciliationPace {
  /** Bands reconciled per run at most: a run's work is bounded whatever the number of bands. */
  readonly maxBands: number;
  /** A band reconciled more recently than this is not due yet. */
  readonly everyMs: number;
}

/** Every 15 minutes, ten bands each checked every six hours: 960 bands a day before the schedule falls behind. */
export const RECONCILIATION_PACE: ReconciliationPace = { maxBands: 10, everyMs: 6 * 60 * 60 * 1000 };

export interface ScheduledReconciliation {
  readonly bands: number;
  readonly drifted: number;
  readonly failed: readonly string[];
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
}

/**
 * The reconciliation schedule's run: the bands that waited longest (never reconciled first), up to
 * `pace.maxBands`, each compared with drive's listing and repaired (`reconcileBand`, which publishes
 * `content.catalogue_reconciled` when it found drift). A band that fails is handed to `onFailure` (the handler
 * logs it) and still marked, so one broken library cannot take a slot of every run; it is tried again when next
 * due.
 */
export const reconcileDueBands = async (
  deps: ContentDependencies,
  onFailure: (bandId: string, error: unknown) => void,
  pace: ReconciliationPace = RECONCILIATION_PACE,
): Promise<ScheduledReconciliation> => {
  const now = deps.now();
  const due = await deps.catalogue.bandsToReconcile(
    new Date(now.getTime() - pace.everyMs).toISOString(),
    pace.maxBands,
  );
  const failed: string[] = [];
  let drifted = 0;
  let added = 0;
  let changed = 0;
  let removed = 0;
  for (const bandId of due) {
    try {
      const report = await reconcileBand(deps, bandId, 'schedule');
      if (report.added + report.changed + report.removed > 0) drifted += 1;
      added += report.added;
      changed += report.changed;
      removed += report.removed;
    } catch (error) {
      onFailure(bandId, error);
      failed.push(bandId);
      await deps.catalogue.markReconciled(bandId, now.toISOString());
    }
  }
  return { bands: due.length, drifted, failed, added, changed, removed };
};
