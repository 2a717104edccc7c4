import type { DashboardPreferences } from '../domain/dashboardPreferences.ts';

/** Where each user's dashboard preferences are kept. */
export interface PreferencesStore {
  get(userId: string): Promise<DashboardPreferences | null>;
  put(userId: string, preferences: DashboardPreferences): Promise<void>;
}
