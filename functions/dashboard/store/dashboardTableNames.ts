/** Logical names of the dashboard module's tables (the manifest declares them; the platform names them). */
export const DASHBOARD_TABLES = {
  /** One item per (band, member): the prepared dashboard. Keyed by band first so a band's change finds its members. */
  dashboards: 'dashboards',
  /** One item per user: dashboard preferences. */
  preferences: 'preferences',
} as const;
