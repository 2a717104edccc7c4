import type { HealthCheckResult } from '../../../shared/runtime/health/healthHandler.ts';
import { isBound } from '../domain/sourceRecord.ts';
import type { DriveDependencies } from './DriveDependencies.ts';

/** A bound library whose last successful sync is older than this makes the drive degraded. */
export const STALE_LIBRARY_MS = 60 * 60_000;

/**
 * The drive's health: the provider's credentials are usable (Google Drive: the key reads and names its
 * account; a folder: nothing to read), the sources table answers, and no bound library is failing or
 * stale. `detail` says how many libraries are bound, failing, stale, and the oldest successful sync's age.
 */
export const libraryHealth = async (
  deps: Pick<DriveDependencies, 'sources' | 'provisioning' | 'now'>,
): Promise<HealthCheckResult> => {
  try {
    await deps.provisioning.shareWith();
  } catch (error) {
    return { status: 'down', detail: `credentials unusable: ${(error as Error).name}` };
  }
  const now = deps.now().getTime();
  const bound = (await deps.sources.listAll()).filter(isBound);
  const failing = bound.filter((s) => s.lastError !== null).length;
  const ages = bound.map((s) =>
    s.lastSync === null ? Number.POSITIVE_INFINITY : now - Date.parse(s.lastSync.at),
  );
  const stale = ages.filter((age) => age > STALE_LIBRARY_MS).length;
  const oldest = ages.length === 0 ? 0 : Math.max(...ages);
  const detail =
    `${bound.length} bound, ${failing} failing, ${stale} stale (backlog); ` +
    `oldest sync ${Number.isFinite(oldest) ? `${Math.round(oldest / 1000)} s ago` : 'never'}`;
  return { status: failing > 0 || stale > 0 ? 'degraded' : 'ok', detail };
};
