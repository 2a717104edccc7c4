import type { OutboxEvent } from '../../../shared/runtime/outbox/OutboxEvent.ts';
import type { DashboardPreferences } from '../domain/dashboardPreferences.ts';

/** Where each user's dashboard preferences are kept. */
export interface PreferencesStore {
  get(userId: string): Promise<DashboardPreferences | null>;
  /** Saves the preferences and the events announcing them in one transaction (the outbox's write). */
  save(userId: string, preferences: DashboardPreferences, events: readonly OutboxEvent[]): Promise<void>;
}
