import type { SourceProvider } from '../domain/sourceRecord.ts';

/** Where the configured provider keeps a band's library, and what a leader needs to know to bind it. */
export interface LibraryProvisioning {
  readonly provider: SourceProvider;
  /** Prepares a new band's library (a folder on disk creates the band's folder; Google Drive has nothing to do). */
  prepare(bandId: string): Promise<void>;
  /** The account a leader shares the Google Drive folder with; `null` for a folder on disk. */
  shareWith(): Promise<string | null>;
}
