import { defineModule } from '../../shared/contracts/moduleManifest.ts';
import { DASHBOARD_TABLES } from './store/dashboardTableNames.ts';

const S = 'S' as const;

const GIG_CALLS = [
  'content/content_service.upcomingGigs',
  'content/content_service.pendingOffers',
  'content/content_service.completedGigs',
];

/** What preparing a member's dashboard does: the four widgets from content's services, then the announcement. */
const PREPARES_DASHBOARD = {
  calls: [
    'content/content_service.upcomingGigs',
    'content/content_service.recentlyAdded',
    'content/content_service.pendingOffers',
    'content/content_service.completedGigs',
  ],
  publishes: ['dashboard.module_updated'],
};

/**
 * What a change does to the prepared dashboards of the band's members: only the widgets it can alter are read
 * again (a stale dashboard, rarely, is prepared whole), then announced.
 */
const refreshes = (calls: string[]) => ({
  calls,
  publishes: ['dashboard.module_updated'],
  when: 'a member of the band has a prepared dashboard',
});

/** What a member sees first, per band: prepared at sign-in, kept current, read in one request. */
export default defineModule({
  name: 'dashboard',
  version: '1.0.0',
  description:
    'Each member’s dashboard per band (Upcoming gigs, Recently added, Pending offers, Completed gigs): prepared at sign-in from content’s services, kept current, answered stale when content is down.',
  critical: false,
  publishes: ['dashboard.module_updated', 'dashboard.preference_changed'],
  subscriptions: [
    {
      id: 'onUserLoggedIn',
      events: ['auth.user_logged_in'],
      handler: 'handlers/onUserLoggedIn.handler',
      reactions: [PREPARES_DASHBOARD],
    },
    {
      id: 'onCatalogueChanged',
      events: ['content.updated', 'content.deleted'],
      handler: 'handlers/onCatalogueChanged.handler',
      reactions: [refreshes(['content/content_service.recentlyAdded'])],
      // Gathered for up to a second and refreshed once per band (the handler's `coalesceBy`): a folder of
      // charts is one Recently added per member, not one per chart, and the refresh keeps out of the way of
      // the live push the same change starts (sync's relay, which reads the band's room meanwhile).
      batchingWindowSeconds: 1,
    },
    {
      id: 'onGigUpdated',
      events: ['content.gig_updated'],
      handler: 'handlers/onGigUpdated.handler',
      reactions: [refreshes(GIG_CALLS)],
    },
    {
      id: 'onPermissionUpdated',
      events: ['auth.permission_updated'],
      handler: 'handlers/onPermissionUpdated.handler',
    },
  ],
  routes: [
    {
      method: 'GET',
      path: '/api/dashboard',
      auth: 'user',
      handler: 'handlers/getDashboard.handler',
      description:
        'The caller’s dashboard of `?bandId=` (else their default band): widgets in their order; `stale: true` with the reason when content could not be asked.',
    },
    {
      method: 'PUT',
      path: '/api/dashboard/preferences',
      auth: 'user',
      handler: 'handlers/updatePreferences.handler',
      description: 'Set widget order, hidden widgets and/or default band (any of them, at least one).',
    },
  ],
  // Preferences and their event commit together; the platform adds the outbox table and its drain.
  outbox: true,
  uses: [{ module: 'content', service: 'content_service' }],
  services: [],
  health: { handler: 'handlers/health.handler' },
  tables: [
    {
      name: DASHBOARD_TABLES.dashboards,
      partitionKey: { name: 'bandId', type: S },
      sortKey: { name: 'userId', type: S },
    },
    { name: DASHBOARD_TABLES.preferences, partitionKey: { name: 'userId', type: S } },
  ],
});
