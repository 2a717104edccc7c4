import type { PreparedDashboard, PreparedWidgets, StaleReason } from '../domain/preparedDashboard.ts';

/** Where prepared dashboards are kept. */
export interface DashboardStore {
  get(bandId: string, userId: string): Promise<PreparedDashboard | null>;
  /**
   * Stores a prepared dashboard; with `replacing`, only over one that exists (false when there is none): a
   * band-wide refresh must not bring back a dashboard a revocation deleted while it ran.
   */
  put(dashboard: PreparedDashboard, options?: { readonly replacing?: boolean }): Promise<boolean>;
  /**
   * Replaces some widgets of a current (not stale) dashboard and dates it `preparedAt`, the others kept as
   * they are; false when there is no such dashboard (none, or stale: it must be prepared whole).
   */
  putWidgets(
    bandId: string,
    userId: string,
    widgets: Partial<PreparedWidgets>,
    preparedAt: string,
  ): Promise<boolean>;
  /** Marks an existing dashboard stale (its widgets kept); does nothing when there is none. */
  markStale(bandId: string, userId: string, reason: StaleReason): Promise<void>;
  /** The members of a band who have a prepared dashboard (those a band change must refresh). */
  membersWithDashboard(bandId: string): Promise<string[]>;
  remove(bandId: string, userId: string): Promise<void>;
}
