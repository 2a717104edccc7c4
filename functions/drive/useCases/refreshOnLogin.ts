import { isPlatformError } from '../../../shared/runtime/errors/PlatformError.ts';
import { isBound } from '../domain/sourceRecord.ts';
import { type SyncLibraryDependencies, syncLibrary } from './syncLibrary.ts';

/** A library synced more recently than this is fresh enough for a member who just signed in. */
export const LOGIN_REFRESH_AFTER_MS = 5 * 60_000;

/** What a login refresh did per band. */
export type LoginRefreshOutcome = 'synced' | 'fresh' | 'busy' | 'unbound' | 'unknown';

/**
 * On `auth.user_logged_in`: syncs each of the user's bands whose last sync is older than
 * {@link LOGIN_REFRESH_AFTER_MS} (trigger `login`). A second login in the window finds the library fresh, and
 * a band already syncing is left to that sync, so the refresh is idempotent per band and window. A band's
 * failure does not stop the others (it is recorded on its source).
 */
export const refreshOnLogin = async (
  deps: SyncLibraryDependencies,
  login: { readonly userId: string; readonly bandIds: readonly string[] },
): Promise<Record<string, LoginRefreshOutcome | 'failed'>> => {
  const outcomes: Record<string, LoginRefreshOutcome | 'failed'> = {};
  for (const bandId of login.bandIds) {
    const source = await deps.sources.get(bandId);
    if (source === null) {
      outcomes[bandId] = 'unknown';
      continue;
    }
    if (!isBound(source)) {
      outcomes[bandId] = 'unbound';
      continue;
    }
    const last = source.lastSync === null ? 0 : Date.parse(source.lastSync.at);
    if (deps.now().getTime() - last < LOGIN_REFRESH_AFTER_MS) {
      outcomes[bandId] = 'fresh';
      continue;
    }
    try {
      await syncLibrary(deps, { bandId, trigger: 'login', requestedBy: login.userId });
      outcomes[bandId] = 'synced';
    } catch (error) {
      outcomes[bandId] = isPlatformError(error) && error.status === 409 ? 'busy' : 'failed';
    }
  }
  return outcomes;
};
