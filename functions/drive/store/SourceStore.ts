import type { SourceRecord } from '../domain/sourceRecord.ts';

/** The bands' library sources: binding, status of the last sync, and the one-sync-at-a-time lease. */
export interface SourceStore {
  get(bandId: string): Promise<SourceRecord | null>;
  /** Every band's source (small: one row per band), for the polling and login schedules. */
  listAll(): Promise<SourceRecord[]>;
  /** Records a new band's source; `false` when it already exists (a redelivered `auth.band_created`). */
  create(record: SourceRecord): Promise<boolean>;
  /** Binds (or rebinds) the band's Google Drive folder. */
  bind(
    bandId: string,
    sourceFolderId: string | null,
    boundBy: string,
    boundAt: string,
  ): Promise<SourceRecord>;
  /** Takes the band's sync lease unless another live sync holds it. */
  acquireLease(bandId: string, syncId: string, now: string, until: string): Promise<boolean>;
  /** Records a failed sync and releases its lease (a no-op if the lease moved on). */
  recordFailure(bandId: string, syncId: string, at: string, message: string): Promise<void>;
  /** Releases the sync's lease without recording anything (a no-op if the lease moved on). */
  releaseLease(bandId: string, syncId: string): Promise<void>;
}
