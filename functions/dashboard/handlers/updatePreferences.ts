import { httpHandler, requireIdentity } from '../../../shared/runtime/index.ts';
import { PreferencesChange } from '../domain/dashboardPreferences.ts';
import { updatePreferences } from '../useCases/updatePreferences.ts';
import { dashboardDependencies } from '../wiring/dashboardDependencies.ts';

/** `PUT /api/dashboard/preferences` — widget order, hidden widgets, default band; announces what changed. */
export const handler = httpHandler({
  body: PreferencesChange,
  maxBodyBytes: 4096,
  handle: async (req) => {
    const identity = requireIdentity(req);
    const deps = dashboardDependencies();
    const update = await updatePreferences(deps, identity, req.body);
    if (update.changed.length > 0) {
      await deps.publisher.publish('dashboard.preference_changed', {
        userId: identity.userId,
        changed: update.changed,
        widgets: update.widgets,
      });
    }
    return { body: { preferences: update.preferences, changed: update.changed } };
  },
});
