/** Where a band's library comes from. */
export type SourceProvider = 'google-drive' | 'folder';

/** How the last sync ended, for the source status route and the health check. */
export interface SyncOutcome {
  readonly syncId: string;
  readonly at: string;
  readonly trigger: SyncTrigger;
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
  readonly unchanged: number;
}

export type SyncTrigger = 'schedule' | 'manual' | 'webhook' | 'login';

/**
 * A band's library source as the drive records it: which provider, which folder (Google's folder id; none on
 * disk, where the band's folder is found by its id), what the last sync did and what went wrong.
 */
export interface SourceRecord {
  readonly bandId: string;
  readonly provider: SourceProvider;
  /** The bound Google Drive folder; `null` while unbound, and always for a folder on disk. */
  readonly sourceFolderId: string | null;
  readonly createdAt: string;
  readonly boundAt: string | null;
  readonly boundBy: string | null;
  /** Files in the library after the last successful sync. */
  readonly fileCount: number;
  readonly lastSync: SyncOutcome | null;
  /** The last failed sync's reason, cleared by the next success. */
  readonly lastError: { readonly at: string; readonly message: string } | null;
  /** The sync holding the band's lease (one sync per band at a time), and until when. */
  readonly lease: { readonly syncId: string; readonly until: string } | null;
}

/** A source can be synced once it names its folder (a folder on disk always does). */
export const isBound = (source: SourceRecord): boolean =>
  source.provider === 'folder' || source.sourceFolderId !== null;
