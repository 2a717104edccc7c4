import * as z from 'zod';
import { defineEvent } from '../defineEvent.ts';
import { BandId, UserId } from '../identifiers.ts';

/**
 * Widgets of a member's dashboard. The first four are the original vocabulary; the last four are the
 * dashboard DOMAIN.md names (Upcoming gigs, Recently added, Pending offers, Completed gigs), added compatibly.
 */
export const DashboardWidget = z.enum([
  'upcoming_gigs',
  'new_charts',
  'missing_parts',
  'recordings',
  'recently_added',
  'pending_offers',
  'completed_gigs',
]);

export const moduleUpdated = defineEvent({
  name: 'dashboard.module_updated',
  owner: 'dashboard',
  version: 1,
  bandScoped: true,
  description: 'A widget of a user’s dashboard for a band was (re)computed.',
  data: z
    .object({
      bandId: BandId,
      userId: UserId,
      widget: DashboardWidget,
      reason: z.enum(['login', 'content_changed', 'gig_changed', 'preference_changed', 'permission_changed']),
    })
    .strict(),
});

export const preferenceChanged = defineEvent({
  name: 'dashboard.preference_changed',
  owner: 'dashboard',
  version: 1,
  bandScoped: false,
  description: 'A user changed their dashboard preferences.',
  data: z
    .object({
      userId: UserId,
      changed: z.array(z.string().min(1).max(64)).min(1).max(50),
      widgets: z.array(DashboardWidget).describe('The widgets now shown, in order'),
    })
    .strict(),
});

export const dashboardEvents = [moduleUpdated, preferenceChanged] as const;
