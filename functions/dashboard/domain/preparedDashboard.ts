import * as z from 'zod';
import { BandId, IsoDateTime, UserId } from '../../../shared/contracts/identifiers.ts';
import { GigSummary, RecentFile } from '../../../shared/contracts/services/contentServices.ts';

/** The widgets this dashboard prepares, in their default order (DOMAIN.md, "The dashboard"). */
export const DASHBOARD_WIDGETS = [
  'upcoming_gigs',
  'recently_added',
  'pending_offers',
  'completed_gigs',
] as const;
export const PreparedWidget = z.enum(DASHBOARD_WIDGETS);

/** The widgets a gig's change can alter (a gig is upcoming, offered or completed; never a file). */
export const GIG_WIDGETS = ['upcoming_gigs', 'pending_offers', 'completed_gigs'] as const;
export type PreparedWidget = z.infer<typeof PreparedWidget>;

/** How many items each widget holds: a dashboard shows the head of each list, content pages the rest. */
export const WIDGET_ITEM_LIMIT = 10;

export const PreparedWidgets = z
  .object({
    upcoming_gigs: z.array(GigSummary),
    recently_added: z.array(RecentFile),
    pending_offers: z.array(GigSummary),
    completed_gigs: z.array(GigSummary),
  })
  .strict();
export type PreparedWidgets = z.infer<typeof PreparedWidgets>;

/** Why a dashboard is not current: the dependency that could not answer and how it failed. */
export const StaleReason = z
  .object({
    dependency: z.string().min(1).max(128),
    problem: z.string().min(1).max(128),
  })
  .strict();
export type StaleReason = z.infer<typeof StaleReason>;

/** One member's dashboard for one band, as last prepared; what the dashboards table stores. */
export const PreparedDashboard = z
  .object({
    bandId: BandId,
    userId: UserId,
    preparedAt: IsoDateTime,
    widgets: PreparedWidgets,
    /** Set when the last attempt to refresh failed: `widgets` are from `preparedAt`, not current. */
    staleReason: StaleReason.nullable(),
  })
  .strict();
export type PreparedDashboard = z.infer<typeof PreparedDashboard>;

/** A dashboard that was never prepared and could not be: every widget empty, stale with the reason. */
export const unavailableDashboard = (
  bandId: string,
  userId: string,
  now: string,
  reason: StaleReason,
): PreparedDashboard => ({
  bandId,
  userId,
  preparedAt: now,
  widgets: { upcoming_gigs: [], recently_added: [], pending_offers: [], completed_gigs: [] },
  staleReason: reason,
});
