import type { Outbox } from '../../../shared/runtime/outbox/Outbox.ts';
import type { SourceProvider } from '../domain/sourceRecord.ts';
import type { FileLinks } from '../providers/FileLinks.ts';
import type { LibrarySource } from '../providers/LibrarySource.ts';
import type { LibraryStore } from '../store/LibraryStore.ts';
import type { SourceStore } from '../store/SourceStore.ts';

/** Where the configured provider keeps a band's library, and what a leader needs to know to bind it. */
export interface LibraryProvisioning {
  readonly provider: SourceProvider;
  /** Prepares a new band's library (a folder on disk creates the band's folder; Google Drive has nothing to do). */
  prepare(bandId: string): Promise<void>;
  /** The account a leader shares the Google Drive folder with; `null` for a folder on disk. */
  shareWith(): Promise<string | null>;
}

/** What the drive's use cases work with. */
export interface DriveDependencies {
  readonly sources: SourceStore;
  readonly library: LibraryStore;
  readonly provider: LibrarySource;
  readonly provisioning: LibraryProvisioning;
  readonly links: FileLinks;
  readonly outbox: Outbox;
  readonly now: () => Date;
}
