import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import path from 'node:path';

/** How long settled deliveries are gathered before they are appended (none is acknowledged to anyone). */
const FLUSH_INTERVAL_MS = 200;

interface Header {
  /** Id of the last archived event the last clean stop accounted for; null: from the archive's start. */
  readonly since: string | null;
}

interface Settled {
  /** Event id. */
  readonly e: string;
  /** Rule id. */
  readonly r: string;
}

const key = (eventId: string, ruleId: string): string => `${ruleId}\n${eventId}`;

/**
 * Which deliveries are settled — done, or dead-lettered — for the events archived since a mark, so that a
 * start after a crash delivers every archived event that is not (`deliveries.jsonl` under the data dir;
 * without a file, as in tests, only the mark is kept: nothing survives a crash to recover anyway). Its first
 * line is the mark: the last archived event the last clean stop accounted for (delivered, or saved in
 * `pending.json`); a clean stop starts a new log from a new mark, so the file grows (about 60 bytes a
 * delivery) only until then. Settled deliveries are appended in the background: one lost to a crash is
 * delivered again, which at-least-once allows.
 */
export class DeliveryLog {
  private readonly settled = new Set<string>();
  private mark: Header | undefined;
  private pending: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file?: string) {
    if (!file || !existsSync(file)) return;
    const [first, ...rest] = readFileSync(file, 'utf8').split('\n');
    try {
      this.mark = JSON.parse(first ?? '') as Header;
    } catch {
      // No readable mark: as if there were no log (the caller starts one).
      return;
    }
    for (const line of rest) {
      if (line.trim() === '') continue;
      try {
        const { e, r } = JSON.parse(line) as Settled;
        this.settled.add(key(e, r));
      } catch {
        // A line a crash cut short: that delivery counts as unsettled, and is made again.
      }
    }
  }

  /**
   * The mark the log counts from: events archived after this id have their settled deliveries here.
   * `undefined` when there is no log yet (first start with this data dir): nothing is known to replay.
   */
  get since(): string | null | undefined {
    return this.mark?.since;
  }

  /** Whether the log held, when it was opened, that a rule's delivery of an event was settled. */
  isSettled(eventId: string, ruleId: string): boolean {
    return this.settled.has(key(eventId, ruleId));
  }

  /**
   * Records that a rule's delivery of an event is done (delivered or dead-lettered). Only in the file: what
   * {@link isSettled} answers is what the log held at start, which is all a recovery needs, so memory does not
   * grow with every delivery of a long run.
   */
  settle(eventId: string, ruleId: string): void {
    if (!this.file) return;
    this.pending.push(`${JSON.stringify({ e: eventId, r: ruleId } satisfies Settled)}\n`);
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_INTERVAL_MS);
  }

  /**
   * Starts a new log from `since` (written aside, then renamed): what the old one said is accounted for by
   * whoever calls this (a clean stop, having saved what is undone).
   */
  async restart(since: string | null): Promise<void> {
    await this.flush();
    this.settled.clear();
    this.mark = { since };
    if (!this.file) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(this.mark)}\n`, { flush: true });
    renameSync(temporary, this.file);
  }

  /** Appends what is still buffered; call before stopping. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const file = this.file;
    if (!file || this.pending.length === 0) return this.writing;
    const lines = this.pending.join('');
    this.pending = [];
    this.writing = this.writing.then(() => appendFile(file, lines)).catch(() => undefined);
    return this.writing;
  }
}
