import type { LogEntry } from '../domain/liveRecords.ts';

/** Per-band sequence numbers and the message log resume reads. */
export interface BandLogStore {
  /** Takes the band's next sequence number (an atomic counter: concurrent broadcasts never share one). */
  nextSeq(bandId: string): Promise<number>;
  /** The band's last sequence number taken, 0 before its first message. */
  lastSeq(bandId: string): Promise<number>;
  append(entry: LogEntry): Promise<void>;
  /** Entries with a sequence number above `afterSeq`, ascending, at most `limit`. */
  entriesAfter(bandId: string, afterSeq: number, limit: number): Promise<LogEntry[]>;
}
