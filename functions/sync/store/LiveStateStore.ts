import type { UserChannel } from '../domain/liveRecords.ts';

/** A band's library reconciliation in progress, as announced by the drive. */
export interface LibrarySyncState {
  readonly bandId: string;
  readonly syncId: string;
  readonly filesSeen: number;
}

/** Small state the live channel keeps between events: prepared channels, health, reconciliations. */
export interface LiveStateStore {
  putChannel(channel: UserChannel): Promise<void>;
  getChannel(userId: string): Promise<UserChannel | undefined>;
  /** Drops a band from a prepared channel (membership revoked or changed: the next subscribe asks auth). */
  forgetChannelBand(userId: string, bandId: string): Promise<void>;
  deleteChannel(userId: string): Promise<void>;
  /** The dependencies sync last knew as down. */
  downModules(): Promise<string[]>;
  setDownModules(modules: readonly string[]): Promise<void>;
  startLibrarySync(state: LibrarySyncState): Promise<void>;
  /** Counts one file event of a running reconciliation; undefined when none runs for the band. */
  countLibraryFile(bandId: string): Promise<LibrarySyncState | undefined>;
  /** Ends a band's reconciliation; answers it, or undefined when none ran. */
  endLibrarySync(bandId: string): Promise<LibrarySyncState | undefined>;
  runningLibrarySyncs(): Promise<LibrarySyncState[]>;
}
