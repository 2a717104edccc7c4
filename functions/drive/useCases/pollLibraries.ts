import { isPlatformError } from '../../../shared/runtime/errors/PlatformError.ts';
import { isBound } from '../domain/sourceRecord.ts';
import type { DriveDependencies } from './DriveDependencies.ts';
import { type SyncChangesDependencies, syncChanges } from './syncChanges.ts';
import { syncLibrary } from './syncLibrary.ts';

/** A library not synced for this long is reconciled by the polling schedule. */
export const POLL_AFTER_MS = 10 * 60_000;

/** What one polling run did. */
export interface PollReport {
  readonly synced: number;
  readonly fresh: number;
  readonly busy: number;
  readonly failed: number;
  /**
   * The changes feed's read (Google Drive): `incremental`, `full` (no usable page token: every library was
   * listed), `failed` (tried again next run), `none` (a provider without a feed).
   */
  readonly feed: 'incremental' | 'full' | 'failed' | 'none';
}

/**
 * The fallback when change notifications are missed. With Google Drive it first reads the changes feed
 * (`syncChanges`: what no notification brought; a full listing of every library when the page token is
 * missing or refused). Then every bound library whose last sync is older than {@link POLL_AFTER_MS}, or
 * failed, is reconciled (trigger `schedule`). A failure is recorded on that band's source and does not stop
 * the others; a failed library is tried again on the next run, from the state it committed.
 */
export const pollLibraries = async (
  deps: DriveDependencies,
  changeFeed: Pick<SyncChangesDependencies, 'changes' | 'feed'> | null = null,
): Promise<PollReport> => {
  let feed: PollReport['feed'] = 'none';
  if (changeFeed !== null) {
    try {
      feed = (await syncChanges({ ...deps, ...changeFeed }, 'schedule')).mode;
    } catch {
      feed = 'failed';
    }
  }
  const report = { synced: 0, fresh: 0, busy: 0, failed: 0, feed };
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
