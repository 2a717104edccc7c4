import { httpHandler, requireIdentity } from '../../../shared/runtime/index.ts';
import { PreferencesChange } from '../domain/dashboardPreferences.ts';
import { updatePreferences } from '../useCases/updatePreferences.ts';
import { dashboardDependencies } from '../wiring/dashboardDependencies.ts';

/** `PUT /api/dashboard/preferences` — widget order, hidden widgets, default band; announces what changed (outbox). */
export const handler = httpHandler({
  body: PreferencesChange,
  maxBodyBytes: 4096,
  handle: async (req) => {
    const identity = requireIdentity(req);
    const update = await updatePreferences(dashboardDependencies(), identity, req.body);
    return { body: { preferences: update.preferences, changed: update.changed } };
  },
});
