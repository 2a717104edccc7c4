import type { ServiceClient } from '../../../shared/runtime/services/ServiceClient.ts';
import {
  DASHBOARD_WIDGETS,
  type PreparedWidget,
  PreparedWidgets,
  WIDGET_ITEM_LIMIT,
} from '../domain/preparedDashboard.ts';
import type { DashboardSource } from '../useCases/DashboardSource.ts';

/** Reads widgets from content's `content_service`, one call each, acting as the member (content checks membership). */
export class ContentServiceSource implements DashboardSource {
  readonly dependency = 'content.content_service';

  constructor(private readonly services: ServiceClient) {}

  async read(bandId: string, userId: string): Promise<PreparedWidgets> {
    const widgets = await this.readSome(bandId, userId, DASHBOARD_WIDGETS);
    return PreparedWidgets.parse(widgets);
  }

  async readSome(
    bandId: string,
    userId: string,
    widgets: readonly PreparedWidget[],
  ): Promise<Partial<PreparedWidgets>> {
    const input = { bandId, actingUserId: userId, limit: WIDGET_ITEM_LIMIT };
    const read = async (widget: PreparedWidget): Promise<Partial<PreparedWidgets>> => {
      switch (widget) {
        case 'upcoming_gigs':
          return {
            upcoming_gigs: (await this.services.call('content', 'content_service', 'upcomingGigs', input))
              .gigs,
          };
        case 'recently_added':
          return {
            recently_added: (await this.services.call('content', 'content_service', 'recentlyAdded', input))
              .files,
          };
        case 'pending_offers':
          return {
            pending_offers: (await this.services.call('content', 'content_service', 'pendingOffers', input))
              .gigs,
          };
        case 'completed_gigs':
          return {
            completed_gigs: (await this.services.call('content', 'content_service', 'completedGigs', input))
              .gigs,
          };
      }
    };
    return Object.assign({}, ...(await Promise.all([...new Set(widgets)].map(read))));
  }
}
