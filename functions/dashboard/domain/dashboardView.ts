import * as z from 'zod';
import { BandId, IsoDateTime } from '../../../shared/contracts/identifiers.ts';
import { GigSummary, RecentFile } from '../../../shared/contracts/services/contentServices.ts';
import { type DashboardPreferences, visibleWidgets } from './dashboardPreferences.ts';
import { type PreparedDashboard, StaleReason } from './preparedDashboard.ts';

const GigWidget = (widget: 'upcoming_gigs' | 'pending_offers' | 'completed_gigs') =>
  z.object({ widget: z.literal(widget), items: z.array(GigSummary) }).strict();

/** What `GET /api/dashboard` answers: the visible widgets in the member's order. */
export const DashboardView = z
  .object({
    bandId: BandId,
    preparedAt: IsoDateTime,
    stale: z.boolean(),
    staleReason: StaleReason.nullable(),
    widgets: z.array(
      z.discriminatedUnion('widget', [
        GigWidget('upcoming_gigs'),
        z.object({ widget: z.literal('recently_added'), items: z.array(RecentFile) }).strict(),
        GigWidget('pending_offers'),
        GigWidget('completed_gigs'),
      ]),
    ),
  })
  .strict();
export type DashboardView = z.infer<typeof DashboardView>;

/** Lays a prepared dashboard out as the member chose. */
export const toDashboardView = (
  dashboard: PreparedDashboard,
  preferences: DashboardPreferences,
): DashboardView => ({
  bandId: dashboard.bandId,
  preparedAt: dashboard.preparedAt,
  stale: dashboard.staleReason !== null,
  staleReason: dashboard.staleReason,
  widgets: visibleWidgets(preferences).map((widget) => {
    switch (widget) {
      case 'recently_added':
        return { widget, items: dashboard.widgets.recently_added };
      default:
        return { widget, items: dashboard.widgets[widget] };
    }
  }),
});
