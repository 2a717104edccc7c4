import type { LogEntry } from '../domain/liveRecords.ts';

/** Where {@link BandLogStore.appendOnce} left an event's band message. */
export interface AppendedEntry {
  readonly seq: number;
  /** False when the event already had its number and entry (a retried relay): nothing was written. */
  readonly fresh: boolean;
}

/** Per-band sequence numbers and the message log resume reads. */
export interface BandLogStore {
  /**
   * Gives the band message an event became the band's next sequence number and logs it, in one atomic write:
   * the counter never moves without its entry (no gap a resume would have to call too old), and concurrent
   * broadcasts never share a number. The same event again (a retried relay) takes no new number: it answers
   * the one it already has, whose entry is already logged.
   */
  appendOnce(bandId: string, eventId: string, entryAt: (seq: number) => LogEntry): Promise<AppendedEntry>;
  /** The band's last sequence number taken, 0 before its first message. */
  lastSeq(bandId: string): Promise<number>;
  /** Entries with a sequence number above `afterSeq`, ascending, at most `limit`. */
  entriesAfter(bandId: string, afterSeq: number, limit: number): Promise<LogEntry[]>;
}
