import type { DashboardPreferences } from '../../../functions/dashboard/domain/dashboardPreferences.ts';
import {
  DASHBOARD_WIDGETS,
  type PreparedDashboard,
  type PreparedWidget,
  type PreparedWidgets,
  type StaleReason,
} from '../../../functions/dashboard/domain/preparedDashboard.ts';
import type { DashboardStore } from '../../../functions/dashboard/store/DashboardStore.ts';
import type { PreferencesStore } from '../../../functions/dashboard/store/PreferencesStore.ts';
import type { DashboardDependencies } from '../../../functions/dashboard/useCases/DashboardDependencies.ts';
import type { DashboardSource } from '../../../functions/dashboard/useCases/DashboardSource.ts';
import type { OutboxEvent } from '../../../shared/runtime/outbox/OutboxEvent.ts';

export class InMemoryDashboardStore implements DashboardStore {
  readonly items = new Map<string, PreparedDashboard>();
  private key = (bandId: string, userId: string) => `${bandId}/${userId}`;
  async get(bandId: string, userId: string) {
    return this.items.get(this.key(bandId, userId)) ?? null;
  }
  async put(dashboard: PreparedDashboard, options: { readonly replacing?: boolean } = {}) {
    const key = this.key(dashboard.bandId, dashboard.userId);
    if (options.replacing && !this.items.has(key)) return false;
    this.items.set(key, dashboard);
    return true;
  }
  async putWidgets(bandId: string, userId: string, widgets: Partial<PreparedWidgets>, preparedAt: string) {
    const item = this.items.get(this.key(bandId, userId));
    if (!item || item.staleReason !== null) return false;
    this.items.set(this.key(bandId, userId), {
      ...item,
      preparedAt,
      widgets: { ...item.widgets, ...widgets },
    });
    return true;
  }
  async markStale(bandId: string, userId: string, reason: StaleReason) {
    const item = this.items.get(this.key(bandId, userId));
    if (item) this.items.set(this.key(bandId, userId), { ...item, staleReason: reason });
  }
  async membersWithDashboard(bandId: string) {
    return [...this.items.values()].filter((d) => d.bandId === bandId).map((d) => d.userId);
  }
  async remove(bandId: string, userId: string) {
    this.items.delete(this.key(bandId, userId));
  }
}

export class InMemoryPreferencesStore implements PreferencesStore {
  readonly items = new Map<string, DashboardPreferences>();
  async get(userId: string) {
    return this.items.get(userId) ?? null;
  }
  readonly committedEvents: OutboxEvent[] = [];
  async save(userId: string, preferences: DashboardPreferences, events: readonly OutboxEvent[]) {
    this.items.set(userId, preferences);
    this.committedEvents.push(...events);
  }
}

/** A source answering `widgetsFor`, or failing with `failure` while it is set. */
export class ScriptedDashboardSource implements DashboardSource {
  readonly dependency = 'content.content_service';
  failure: unknown = null;
  reads = 0;
  /** The widgets each read asked for, in order (a whole read: all four). */
  readonly widgetsRead: PreparedWidget[][] = [];
  constructor(public widgetsFor: (bandId: string, userId: string) => PreparedWidgets) {}
  async read(bandId: string, userId: string): Promise<PreparedWidgets> {
    this.reads += 1;
    this.widgetsRead.push([...DASHBOARD_WIDGETS]);
    if (this.failure) throw this.failure;
    return this.widgetsFor(bandId, userId);
  }
  async readSome(bandId: string, userId: string, widgets: readonly PreparedWidget[]) {
    this.reads += 1;
    this.widgetsRead.push([...widgets]);
    if (this.failure) throw this.failure;
    const all = this.widgetsFor(bandId, userId);
    return Object.fromEntries(widgets.map((w) => [w, all[w]])) as Partial<PreparedWidgets>;
  }
}

export const gig = (gigId: string, date = '2026-12-24') => ({
  gigId,
  date,
  name: `Gig ${gigId}`,
  venue: null,
  status: 'confirmed' as const,
  myOffer: null,
});

export const widgetsOf = (bandId: string): PreparedWidgets => ({
  upcoming_gigs: [gig(`${bandId}-next`)],
  recently_added: [
    {
      fileId: `${bandId}-file`,
      name: 'AllOfMe_Bb.pdf',
      kind: 'chart',
      songKey: 'allofme',
      displayTitle: 'All Of Me',
      token: 'Bb',
      addedAt: '2026-11-29T10:00:00.000Z',
    },
  ],
  pending_offers: [],
  completed_gigs: [gig(`${bandId}-past`, '2026-01-01')],
});

export const inMemoryDashboardDependencies = () => {
  const dashboards = new InMemoryDashboardStore();
  const preferences = new InMemoryPreferencesStore();
  const source = new ScriptedDashboardSource(widgetsOf);
  let clock = Date.parse('2026-11-29T12:00:00.000Z');
  const deps: DashboardDependencies = {
    dashboards,
    preferences,
    source,
    now: () => new Date(clock),
    // Hands the events to the write as the kit's outbox does (ids and times are the kit's own business).
    outbox: {
      commit: (events, write) =>
        write(
          events.map((e, i) => ({
            ...e,
            eventId: `event-${i}`,
            occurredAt: new Date(clock).toISOString(),
          })) as unknown as OutboxEvent[],
        ),
    },
  };
  return { deps, dashboards, preferences, source, advance: (ms: number) => (clock += ms) };
};
