import { type PerformanceEntry, PerformanceObserver, performance } from 'node:perf_hooks';

/** One garbage collection of a thread's heap: epoch ms when it started and ended. */
export interface GcPause {
  readonly start: number;
  readonly end: number;
}

/**
 * The garbage collections of the thread it is created on, as V8 reports them (`PerformanceObserver` of `gc`),
 * with epoch timestamps so they line up with the events' stamps taken on other threads. Entries are delivered
 * after the collection, in the thread's event loop: take them a moment after the work they may have paused.
 */
export class GcPauseRecorder {
  private pauses: GcPause[] = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as PerformanceEntry[]) {
      const start = performance.timeOrigin + entry.startTime;
      this.pauses.push({ start, end: start + entry.duration });
    }
  });

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** The collections since the last call (or since it was created), and forgets them. */
  take(): GcPause[] {
    const taken = this.pauses;
    this.pauses = [];
    return taken;
  }

  stop(): void {
    this.observer.disconnect();
  }
}
