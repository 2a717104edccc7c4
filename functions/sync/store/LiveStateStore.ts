import type { StatementSource } from '../domain/channelStatements.ts';
import type { ChannelBand } from '../domain/liveRecords.ts';

/** A band's library reconciliation in progress, as announced by the drive. */
export interface LibrarySyncState {
  readonly bandId: string;
  readonly syncId: string;
  readonly filesSeen: number;
}

/** Small state the live channel keeps between events: prepared channels, health, reconciliations. */
export interface LiveStateStore {
  /**
   * Keeps what auth said of a user in a band unless the store holds a newer statement (a larger `asOf`; at
   * the same `asOf` a membership change outranks a sign-in). Answers whether it was kept.
   */
  stateChannelBand(entry: ChannelBand, source: StatementSource): Promise<boolean>;
  /** The statement kept for the user in the band (expired ones included: the caller decides). */
  channelBand(userId: string, bandId: string): Promise<ChannelBand | undefined>;
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
