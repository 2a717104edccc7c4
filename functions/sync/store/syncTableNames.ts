/** The sync module's tables (names as declared in module.ts; physical names come from the environment). */
export const SYNC_TABLES = {
  /** Connection items (`CONN#<id>` / `META`) and their band subscriptions (`CONN#<id>` / `BAND#<bandId>`). */
  connections: 'connections',
  /**
   * Per band: the sequence counter (seq 0) and the message log (seq ≥ 1), entries with a TTL; per relayed
   * event, its claim on its number (`EVENT#<eventId>`, seq 0), expiring with its entry.
   */
  bandLog: 'band-log',
  /** Prepared channels (per user and band), the dependencies' last health, running library reconciliations. */
  liveState: 'live-state',
} as const;

/** Subscriptions by band: a broadcast is one query. Only subscription items carry `bandId` (sparse). */
export const SUBSCRIPTIONS_BY_BAND_INDEX = 'byBand';
/** A user's connection and subscription items, for sign-out and membership changes. */
export const CONNECTIONS_BY_USER_INDEX = 'byUser';
