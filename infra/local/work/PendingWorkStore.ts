import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BusEvent } from '../shared/BusEvent.ts';

/** A rule's delivery that a stop interrupted: resumed at the next start, as attempt `attempt`. */
export interface PendingDelivery {
  readonly ruleId: string;
  readonly event: BusEvent;
  /** When the bus received the event (epoch ms): the rule's age bound still counts from here. */
  readonly receivedAt: number;
  readonly attempt: number;
}

/** An asynchronous Lambda invocation (`InvocationType: Event`) that a stop interrupted. */
export interface PendingAsyncInvocation {
  readonly functionId: string;
  readonly payload: unknown;
  readonly receivedAt: number;
  readonly attempt: number;
}

export interface PendingWork {
  readonly deliveries: readonly PendingDelivery[];
  readonly asyncInvocations: readonly PendingAsyncInvocation[];
}

const NOTHING: PendingWork = { deliveries: [], asyncInvocations: [] };

/**
 * Work a stop left undone, kept for the next start (`pending.json` under the data dir with `npm start`; in
 * memory in tests). The file stays until the next stop rewrites it, so a crash after a start resumes the
 * same work again rather than losing it (deliveries are at least once anyway).
 */
export class PendingWorkStore {
  private last: PendingWork = NOTHING;

  constructor(private readonly file?: string) {
    if (file && existsSync(file)) this.last = JSON.parse(readFileSync(file, 'utf8')) as PendingWork;
  }

  /** What the previous stop saved. */
  load(): PendingWork {
    return this.last;
  }

  /** Replaces the saved work; nothing left removes the file. */
  save(work: PendingWork): void {
    this.last = work;
    if (!this.file) return;
    if (work.deliveries.length === 0 && work.asyncInvocations.length === 0) {
      rmSync(this.file, { force: true });
      return;
    }
    mkdirSync(path.dirname(this.file), { recursive: true });
    // Written aside then renamed: a stop cut short never leaves half a file.
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(work, null, 2));
    renameSync(temporary, this.file);
  }
}
