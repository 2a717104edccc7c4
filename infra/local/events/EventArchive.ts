import {
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { type FileHandle, mkdir, open, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BusEvent } from '../shared/BusEvent.ts';

/** One archived event and when the bus received it (epoch ms; what a replay window selects on). */
export interface ArchivedEvent {
  readonly receivedAt: number;
  readonly event: BusEvent;
}

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
 * How an event is held in memory: its JSON text (the journal's, shared with its deliveries) rather than the
 * parsed object. Every event stays for the retention period, so a parsed one — a dozen objects, each copied by
 * the young generation's collections and then traced by every major one — cost the platform's thread GC pauses
 * in proportion to the traffic; a string is one object. Replay and recovery, which are rare, parse on demand.
 */
interface HeldEvent {
  readonly receivedAt: number;
  readonly id: string;
  readonly text: string;
}

const parseHeld = (held: HeldEvent): ArchivedEvent => ({
  receivedAt: held.receivedAt,
  event: JSON.parse(held.text) as BusEvent,
});

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** Whether writes can be made durable by the open flags (O_DSYNC: Linux, macOS; not Windows). */
const SYNCED_WRITES = typeof constants.O_DSYNC === 'number';
const APPEND_SYNCED = constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | (constants.O_DSYNC ?? 0);

/** The journal's line of an event: what JSON.stringify({ receivedAt, event }) gives, from the held text. */
const lineOf = (held: HeldEvent): string =>
  `{"receivedAt":${JSON.stringify(held.receivedAt)},"event":${held.text}}\n`;

/** Makes a file's creation or replacement durable: its directory entry is synced too. */
const syncDirectory = (file: string): void => {
  // Windows cannot open a directory to sync it; its file system orders the entry with the data anyway.
  if (process.platform === 'win32') return;
  const fd = openSync(path.dirname(file), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};

/** The archived events a file holds; a torn or unreadable line (a write a crash cut short) is skipped. */
const readArchive = (content: string): { events: ArchivedEvent[]; torn: boolean } => {
  const events: ArchivedEvent[] = [];
  let torn = content.length > 0 && !content.endsWith('\n');
  for (const line of content.split('\n')) {
    if (line.trim() === '') continue;
    try {
      events.push(JSON.parse(line) as ArchivedEvent);
    } catch {
      torn = true;
    }
  }
  return { events, torn };
};

/**
 * Every event the bus received, for replay, for a retention period (EventBridge archives have one too) —
 * and, with a file (under `npm start`), the journal that makes PutEvents durable: {@link append} resolves
 * only once the events' lines are written and fsynced, so an event PutEvents acknowledged survives a crash.
 * Appends that arrive while a write is in flight share the next write and its fsync (group commit), so
 * concurrent PutEvents cost one fsync, not one each. Expired events are compacted away on start and
 * periodically; a line a crash cut short is dropped at the next start.
 */
export class EventArchive {
  private events: HeldEvent[] = [];
  private readonly file: string | undefined;
  private readonly retentionMs: number;
  private readonly now: () => number;
  private readonly compactTimer: NodeJS.Timeout | null = null;
  /** Lines waiting for the next write, and who waits for them to be durable. */
  private pendingLines: string[] = [];
  private pendingWaiters: Waiter[] = [];
  private writeScheduled = false;
  /** Every file operation, in order: writes, compactions, close. */
  private io: Promise<void> = Promise.resolve();
  private handle: FileHandle | undefined;
  private closed = false;

  constructor(options: EventArchiveOptions | string = {}) {
    const { file, retentionDays, compactEveryMs, now } =
      typeof options === 'string' ? { file: options } : options;
    this.file = file;
    this.retentionMs = (retentionDays ?? DEFAULT_ARCHIVE_RETENTION_DAYS) * DAY_MS;
    this.now = now ?? Date.now;
    if (file && existsSync(file)) {
      const { events, torn } = readArchive(readFileSync(file, 'utf8'));
      const cutoff = this.cutoff();
      this.events = events
        .filter((e) => e.receivedAt >= cutoff)
        .map(({ receivedAt, event }) => ({ receivedAt, id: event.id, text: JSON.stringify(event) }));
      // Rewritten on start, synchronously (nothing else touches the file yet), when events expired or a
      // torn line must go before the next append lands after it.
      if (this.events.length < events.length || torn) this.rewriteSync(file);
    }
    if (file) {
      this.compactTimer = setInterval(() => void this.compact(), compactEveryMs ?? 60 * 60 * 1000);
      this.compactTimer.unref();
    }
  }

  /**
   * Archives events the bus received at `receivedAt`: in memory at once (replay sees them), and durable on
   * disk when the returned promise resolves. It rejects when the file cannot be written: the events must
   * then not be acknowledged. `texts` are the events' JSON texts when the caller made them already.
   */
  append(events: readonly BusEvent[], receivedAt = Date.now(), texts?: readonly string[]): Promise<void> {
    const held = events.map((event, i) => ({
      receivedAt,
      id: event.id,
      text: texts?.[i] ?? JSON.stringify(event),
    }));
    for (const h of held) this.events.push(h);
    if (!this.file || held.length === 0) return Promise.resolve();
    if (this.closed) return Promise.reject(new Error('The event archive is closed'));
    for (const h of held) this.pendingLines.push(lineOf(h));
    const durable = new Promise<void>((resolve, reject) => this.pendingWaiters.push({ resolve, reject }));
    if (!this.writeScheduled) {
      this.writeScheduled = true;
      this.io = this.io.then(() => this.writePending());
    }
    return durable;
  }

  /** Archives one event; see {@link append}. */
  record(event: BusEvent, receivedAt = Date.now()): Promise<void> {
    return this.append([event], receivedAt);
  }

  /** Retained events received in `[from, to]` (epoch ms), in the order received. */
  between(from: number, to: number): ArchivedEvent[] {
    const start = Math.max(from, this.cutoff());
    return this.events.filter((e) => e.receivedAt >= start && e.receivedAt <= to).map(parseHeld);
  }

  /**
   * The events archived after the one with id `eventId`, in order; all of them when `eventId` is null or
   * no longer held (expired: everything held is younger).
   */
  after(eventId: string | null): ArchivedEvent[] {
    const index = eventId === null ? -1 : this.events.findIndex((e) => e.id === eventId);
    return this.events.slice(index + 1).map(parseHeld);
  }

  /** Id of the last event archived, or null when none is held. */
  get lastId(): string | null {
    return this.events.at(-1)?.id ?? null;
  }

  /** Events held (expired ones included until the next compaction). */
  get size(): number {
    return this.events.length;
  }

  /**
   * Drops expired events from memory and rewrites the file without them (aside, then renamed, in turn with
   * the appends). Resolves to the number dropped.
   */
  async compact(): Promise<number> {
    const cutoff = this.cutoff();
    const before = this.events.length;
    this.events = this.events.filter((e) => e.receivedAt >= cutoff);
    const dropped = before - this.events.length;
    const file = this.file;
    if (!file || dropped === 0 || this.closed) return dropped;
    this.io = this.io.then(async () => {
      // Taken together, before any await: the rewrite holds exactly the lines waiting now (memory has
      // them), and what is appended meanwhile goes to the next write.
      const content = this.serialise();
      const { waiters } = this.takePending();
      try {
        await this.closeHandle();
        const temporary = `${file}.tmp`;
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(temporary, content, { flush: true });
        await rename(temporary, file);
        syncDirectory(file);
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of waiters) waiter.reject(error);
      }
    });
    await this.io;
    return dropped;
  }

  /** Resolves once everything appended so far is durable. */
  async flush(): Promise<void> {
    await this.io;
  }

  /** Writes what is pending, stops the periodic compaction and closes the file. */
  async close(): Promise<void> {
    if (this.compactTimer) clearInterval(this.compactTimer);
    await this.io;
    this.closed = true;
    await this.closeHandle();
  }

  private async writePending(): Promise<void> {
    const { lines, waiters } = this.takePending();
    if (lines === '') return;
    try {
      const handle = await this.openHandle();
      await handle.appendFile(lines);
      // Opened with O_DSYNC where the system has it: the write returns once the data is on disk, one round
      // trip to the thread pool instead of a write and then an fdatasync.
      if (!SYNCED_WRITES) await handle.datasync();
      for (const waiter of waiters) waiter.resolve();
    } catch (error) {
      for (const waiter of waiters) waiter.reject(error);
    }
  }

  private takePending(): { lines: string; waiters: Waiter[] } {
    this.writeScheduled = false;
    const taken = { lines: this.pendingLines.join(''), waiters: this.pendingWaiters };
    this.pendingWaiters = [];
    this.pendingLines = [];
    return taken;
  }

  private async openHandle(): Promise<FileHandle> {
    if (this.handle) return this.handle;
    const file = this.file as string;
    await mkdir(path.dirname(file), { recursive: true });
    const created = !existsSync(file);
    this.handle = await open(file, SYNCED_WRITES ? APPEND_SYNCED : 'a');
    if (created) syncDirectory(file);
    return this.handle;
  }

  private async closeHandle(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }

  private rewriteSync(file: string): void {
    const temporary = `${file}.tmp`;
    writeFileSync(temporary, this.serialise(), { flush: true });
    renameSync(temporary, file);
    syncDirectory(file);
  }

  private cutoff(): number {
    return this.now() - this.retentionMs;
  }

  private serialise(): string {
    return this.events.map(lineOf).join('');
  }
}
