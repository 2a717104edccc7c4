import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { appendFile, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BusEvent } from '../shared/BusEvent.ts';

/** One archived event and when the bus received it (epoch ms; what a replay window selects on). */
export interface ArchivedEvent {
  readonly receivedAt: number;
  readonly event: BusEvent;
}

const FLUSH_INTERVAL_MS = 200;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The dev stage's EventBridge archive keeps events 7 days; so does the local one unless told otherwise. */
export const DEFAULT_ARCHIVE_RETENTION_DAYS = 7;

export interface EventArchiveOptions {
  /** JSON-lines file (under `npm start`); in memory only without it. */
  readonly file?: string;
  /** Days an event stays replayable. @default 7 */
  readonly retentionDays?: number;
  /** How often retained events are compacted while running. @default every hour */
  readonly compactEveryMs?: number;
  /** Clock, replaceable in tests. @default Date.now */
  readonly now?: () => number;
}

/**
 * Every event the bus received, for replay, for a retention period (EventBridge archives have one too).
 * In memory; with a file (under `npm start`) appended as JSON lines in the background, so a burst of events
 * does not wait on the disk, and compacted — expired events dropped — on start and periodically.
 */
export class EventArchive {
  private events: ArchivedEvent[] = [];
  private pending: string[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private readonly compactTimer: NodeJS.Timeout | null = null;
  private readonly file: string | undefined;
  private readonly retentionMs: number;
  private readonly now: () => number;

  constructor(options: EventArchiveOptions | string = {}) {
    const { file, retentionDays, compactEveryMs, now } =
      typeof options === 'string' ? { file: options } : options;
    this.file = file;
    this.retentionMs = (retentionDays ?? DEFAULT_ARCHIVE_RETENTION_DAYS) * DAY_MS;
    this.now = now ?? Date.now;
    if (file && existsSync(file)) {
      const lines = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '');
      const cutoff = this.cutoff();
      this.events = lines
        .map((line) => JSON.parse(line) as ArchivedEvent)
        .filter((e) => e.receivedAt >= cutoff);
      // Compacted on start, synchronously: nothing else touches the file yet.
      if (this.events.length < lines.length) {
        const temporary = `${file}.tmp`;
        writeFileSync(temporary, this.serialise(this.events));
        renameSync(temporary, file);
      }
    }
    if (file) {
      this.compactTimer = setInterval(() => void this.compact(), compactEveryMs ?? 60 * 60 * 1000);
      this.compactTimer.unref();
    }
  }

  record(event: BusEvent, receivedAt = Date.now()): void {
    const archived = { receivedAt, event };
    this.events.push(archived);
    if (!this.file) return;
    this.pending.push(JSON.stringify(archived));
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_INTERVAL_MS);
  }

  /** Retained events received in `[from, to]` (epoch ms), in the order received. */
  between(from: number, to: number): ArchivedEvent[] {
    const start = Math.max(from, this.cutoff());
    return this.events.filter((e) => e.receivedAt >= start && e.receivedAt <= to);
  }

  /** Events held (expired ones included until the next compaction). */
  get size(): number {
    return this.events.length;
  }

  /**
   * Drops expired events from memory and rewrites the file without them (aside, then renamed, after any
   * append in progress). Resolves to the number dropped.
   */
  async compact(): Promise<number> {
    const cutoff = this.cutoff();
    const before = this.events.length;
    this.events = this.events.filter((e) => e.receivedAt >= cutoff);
    const dropped = before - this.events.length;
    const file = this.file;
    if (!file || dropped === 0) return dropped;
    // Memory holds every buffered line too: the rewrite includes them, so the buffer is done.
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
    const content = this.serialise(this.events);
    this.flushing = this.flushing.then(async () => {
      const temporary = `${file}.tmp`;
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(temporary, content);
      await rename(temporary, file);
    });
    await this.flushing;
    return dropped;
  }

  /** Writes what is still buffered; call before stopping. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const file = this.file;
    if (!file || this.pending.length === 0) return this.flushing;
    const lines = `${this.pending.join('\n')}\n`;
    this.pending = [];
    this.flushing = this.flushing.then(async () => {
      await mkdir(path.dirname(file), { recursive: true });
      await appendFile(file, lines);
    });
    return this.flushing;
  }

  /** Flushes and stops the periodic compaction. */
  async close(): Promise<void> {
    if (this.compactTimer) clearInterval(this.compactTimer);
    await this.flush();
  }

  private cutoff(): number {
    return this.now() - this.retentionMs;
  }

  private serialise(events: readonly ArchivedEvent[]): string {
    return events.map((e) => `${JSON.stringify(e)}\n`).join('');
  }
}
