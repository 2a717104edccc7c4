import type { HealthCheckResult } from '../../../shared/runtime/health/healthHandler.ts';
import { isBound } from '../domain/sourceRecord.ts';
import type { DriveDependencies } from './DriveDependencies.ts';

/** A bound library whose last successful sync is older than this makes the drive degraded. */
export const STALE_LIBRARY_MS = 60 * 60_000;

/** The health detail's longest text (the `system.health_changed` contract carries at most 1,000 characters). */
export const HEALTH_DETAIL_MAX = 1000;

const ageText = (ms: number): string => (Number.isFinite(ms) ? `${Math.round(ms / 1000)} s` : 'never');

/**
 * `band age` for every bound band, stalest first (never synced before all), cut to what fits in `room`
 * characters with the number of bands left out: the ones an operator looks for come first.
 */
const perBandAges = (ages: ReadonlyArray<{ bandId: string; age: number }>, room: number): string => {
  const parts = [...ages]
    .sort((a, b) => b.age - a.age || (a.bandId < b.bandId ? -1 : 1))
    .map((a) => `${a.bandId} ${ageText(a.age)}`);
  for (let shown = parts.length; shown >= 0; shown--) {
    const left = parts.length - shown;
    const text =
      parts.slice(0, shown).join(', ') + (left > 0 ? `${shown > 0 ? ', ' : ''}… ${left} more` : '');
    if (text.length <= room) return text;
  }
  return '';
};

/**
 * The drive's health: the provider's credentials are usable (Google Drive: the key reads and names its
 * account; a folder: nothing to read), the sources table answers, and no bound library is failing or
 * stale. `detail` says how many libraries are bound, failing, stale, the oldest successful sync's age, then
 * each band's last successful sync age, stalest first (as many as fit in {@link HEALTH_DETAIL_MAX}).
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
  const ages = bound.map((s) => ({
    bandId: s.bandId,
    age: s.lastSync === null ? Number.POSITIVE_INFINITY : now - Date.parse(s.lastSync.at),
  }));
  const stale = ages.filter((a) => a.age > STALE_LIBRARY_MS).length;
  const oldest = ages.length === 0 ? 0 : Math.max(...ages.map((a) => a.age));
  const summary =
    `${bound.length} bound, ${failing} failing, ${stale} stale (backlog); ` +
    `oldest sync ${Number.isFinite(oldest) ? `${Math.round(oldest / 1000)} s ago` : 'never'}`;
  const prefix = '; last successful sync per band: ';
  const detail =
    ages.length === 0
      ? summary
      : `${summary}${prefix}${perBandAges(ages, HEALTH_DETAIL_MAX - summary.length - prefix.length)}`;
  return { status: failing > 0 || stale > 0 ? 'degraded' : 'ok', detail };
};
