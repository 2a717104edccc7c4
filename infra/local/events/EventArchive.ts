import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BusEvent } from './BusEvent.ts';

/** One archived event and when the bus received it (epoch ms; what a replay window selects on). */
export interface ArchivedEvent {
  readonly receivedAt: number;
  readonly event: BusEvent;
}

const FLUSH_INTERVAL_MS = 200;

/**
 * Every event the bus received, for replay. In memory; with a file (under `npm start`) appended as JSON
 * lines in the background, so a burst of events does not wait on the disk.
 */
export class EventArchive {
  private readonly events: ArchivedEvent[] = [];
  private pending: string[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly file?: string) {
    if (file && existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (line.trim() !== '') this.events.push(JSON.parse(line) as ArchivedEvent);
      }
    }
  }

  record(event: BusEvent, receivedAt = Date.now()): void {
    const archived = { receivedAt, event };
    this.events.push(archived);
    if (!this.file) return;
    this.pending.push(JSON.stringify(archived));
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_INTERVAL_MS);
  }

  /** Events received in `[from, to]` (epoch ms), in the order received. */
  between(from: number, to: number): ArchivedEvent[] {
    return this.events.filter((e) => e.receivedAt >= from && e.receivedAt <= to);
  }

  get size(): number {
    return this.events.length;
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
}
