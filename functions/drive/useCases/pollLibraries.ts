import { isPlatformError } from '../../../shared/runtime/errors/PlatformError.ts';
import { isBound } from '../domain/sourceRecord.ts';
import type { DriveDependencies } from './DriveDependencies.ts';
import { syncLibrary } from './syncLibrary.ts';

/** A library not synced for this long is reconciled by the polling schedule. */
export const POLL_AFTER_MS = 10 * 60_000;

/** What one polling run did. */
export interface PollReport {
  readonly synced: number;
  readonly fresh: number;
  readonly busy: number;
  readonly failed: number;
}

/**
 * The fallback when change notifications are missed: every bound library whose last sync is older than
 * {@link POLL_AFTER_MS} is reconciled (trigger `schedule`). A failure is recorded on that band's source and
 * does not stop the others; a failed library is tried again on the next run, from the state it committed.
 */
export const pollLibraries = async (deps: DriveDependencies): Promise<PollReport> => {
  const report = { synced: 0, fresh: 0, busy: 0, failed: 0 };
  const now = deps.now().getTime();
  for (const source of await deps.sources.listAll()) {
    if (!isBound(source)) continue;
    const last = source.lastSync === null ? 0 : Date.parse(source.lastSync.at);
    if (now - last < POLL_AFTER_MS && source.lastError === null) {
      report.fresh++;
      continue;
    }
    try {
      await syncLibrary(deps, { bandId: source.bandId, trigger: 'schedule', requestedBy: null });
      report.synced++;
    } catch (error) {
      if (isPlatformError(error) && error.status === 409) report.busy++;
      else report.failed++;
    }
  }
  return report;
};
