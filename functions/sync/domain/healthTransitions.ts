import type { EventData } from '../../../shared/contracts/eventCatalog.ts';

/** The modules live updates depend on: their events or services feed the band channels. */
export const LIVE_DEPENDENCIES = ['auth', 'content', 'drive', 'dashboard'] as const;

/** What changed in the dependencies' health since the last check, and the set of modules now down. */
export interface HealthTransition {
  readonly down: string[];
  readonly wentDown: string[];
  readonly cameBack: string[];
}

/**
 * Compares a health check with the modules sync last knew as down. Only `down` counts: `degraded` still
 * delivers, and `unknown` (not checked yet, e.g. right after a deploy) is no news. A module that left the
 * check entirely is treated as back, so a client is never left waiting for a `recovered` that cannot come.
 */
export const healthTransition = (
  previouslyDown: readonly string[],
  check: EventData<'system.health_check'>,
): HealthTransition => {
  const relevant = check.modules.filter((m) => (LIVE_DEPENDENCIES as readonly string[]).includes(m.name));
  const down = relevant
    .filter((m) => m.status === 'down' || (m.status === 'unknown' && previouslyDown.includes(m.name)))
    .map((m) => m.name)
    .sort();
  return {
    down,
    wentDown: down.filter((m) => !previouslyDown.includes(m)),
    cameBack: previouslyDown.filter((m) => !down.includes(m)).sort(),
  };
};
