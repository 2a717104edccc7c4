/** A waiting item's timer, or, for an item due on the next turn, a token of its own. */
type Handle = NodeJS.Timeout | { readonly dueNow: true };

/**
 * Background work items (deliveries, asynchronous invocations) waiting for their time or running, that a
 * stop must not lose: `stop()` cancels what waits, lets what runs finish for a bounded time, and returns
 * every item left undone so its owner can persist it and resume it at the next start.
 */
export class ScheduledWork<T> {
  private readonly waiting = new Map<Handle, T>();
  /** Items due on the next turn (in `waiting` too): one immediate starts them all, not one each. */
  private dueNow: Handle[] = [];
  private dueHandle: NodeJS.Immediate | null = null;
  private readonly running = new Map<Promise<void>, T>();
  private readonly leftovers: T[] = [];
  private state: 'accepting' | 'draining' | 'stopped' = 'accepting';
  private idleWaiters: (() => void)[] = [];

  /** @param run does the item's work; it calls {@link setAside} for an item it could not finish. */
  constructor(private readonly run: (item: T) => Promise<void>) {}

  /** Whether new work still starts (false from the moment a stop begins). */
  get accepting(): boolean {
    return this.state === 'accepting';
  }

  /** Items waiting or running. */
  get pending(): number {
    return this.waiting.size + this.running.size;
  }

  /** Items running now (the rest of {@link pending} waits for its time). */
  get runningCount(): number {
    return this.running.size;
  }

  /** Runs `item` after `delayMs` (on the next turn when 0); once stopping (or stopped), keeps it undone. */
  schedule(item: T, delayMs = 0): void {
    if (this.state !== 'accepting') {
      this.leftovers.push(item);
      return;
    }
    // Without delay, on the next turn (setTimeout would add at least a millisecond to every item), together
    // with every other item due then: the deliveries of one PutEvents start in one wake-up of the loop.
    if (delayMs <= 0) {
      const token: Handle = { dueNow: true };
      this.waiting.set(token, item);
      this.dueNow.push(token);
      this.dueHandle ??= setImmediate(() => this.startDue());
      return;
    }
    const handle: Handle = setTimeout(() => {
      this.waiting.delete(handle);
      this.start(item);
    }, delayMs);
    this.waiting.set(handle, item);
  }

  /** Keeps an item for the next start; ignored once stopped (items still running then were kept already). */
  setAside(item: T): void {
    if (this.state !== 'stopped') this.leftovers.push(item);
  }

  /** Resolves when nothing waits or runs. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Stops: waiting items are set aside at once, running ones get up to `drainMs` to finish (an item that
   * still runs then is set aside too: it may run twice, never zero times). Resolves to the items left undone;
   * called again later, also to the items scheduled since.
   */
  async stop(drainMs: number): Promise<T[]> {
    if (this.state === 'accepting') {
      this.state = 'draining';
      // In the order they were scheduled, whether due now or later.
      for (const [handle, item] of this.waiting) {
        if (!('dueNow' in handle)) clearTimeout(handle);
        this.leftovers.push(item);
      }
      this.waiting.clear();
      if (this.dueHandle) clearImmediate(this.dueHandle);
      this.dueHandle = null;
      this.dueNow = [];
      if (this.running.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          Promise.allSettled([...this.running.keys()]),
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, drainMs);
          }),
        ]);
        clearTimeout(timer);
      }
      this.leftovers.push(...this.running.values());
      this.state = 'stopped';
      this.notifyIfIdle(true);
    }
    return [...this.leftovers];
  }

  private startDue(): void {
    const due = this.dueNow;
    this.dueNow = [];
    this.dueHandle = null;
    for (const token of due) {
      const item = this.waiting.get(token);
      if (item === undefined) continue;
      this.waiting.delete(token);
      this.start(item);
    }
  }

  private start(item: T): void {
    const running: Promise<void> = this.run(item)
      .catch(() => undefined)
      .finally(() => {
        this.running.delete(running);
        this.notifyIfIdle();
      });
    this.running.set(running, item);
  }

  private notifyIfIdle(force = false): void {
    if (!force && this.pending !== 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
