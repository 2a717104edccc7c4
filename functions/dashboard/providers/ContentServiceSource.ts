import type { ServiceClient } from '../../../shared/runtime/services/ServiceClient.ts';
import { type PreparedWidgets, WIDGET_ITEM_LIMIT } from '../domain/preparedDashboard.ts';
import type { DashboardSource } from '../useCases/DashboardSource.ts';

/** Reads the four widgets from content's `content_service`, acting as the member (content checks membership). */
export class ContentServiceSource implements DashboardSource {
  readonly dependency = 'content.content_service';

  constructor(private readonly services: ServiceClient) {}

  async read(bandId: string, userId: string): Promise<PreparedWidgets> {
    const input = { bandId, actingUserId: userId, limit: WIDGET_ITEM_LIMIT };
    const [upcoming, recent, pending, completed] = await Promise.all([
      this.services.call('content', 'content_service', 'upcomingGigs', input),
      this.services.call('content', 'content_service', 'recentlyAdded', input),
      this.services.call('content', 'content_service', 'pendingOffers', input),
      this.services.call('content', 'content_service', 'completedGigs', input),
    ]);
    return {
      upcoming_gigs: upcoming.gigs,
      recently_added: recent.files,
      pending_offers: pending.gigs,
      completed_gigs: completed.gigs,
    };
  }
}
