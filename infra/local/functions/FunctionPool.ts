import { type InvocationResult, RUNTIME_ERRORS } from '../shared/InvocationResult.ts';
import { FunctionContainer, type FunctionContainerOptions } from './FunctionContainer.ts';

interface Pending {
  readonly event: unknown;
  readonly timeoutMs: number;
  readonly resolve: (result: InvocationResult) => void;
}

/**
 * The containers of one function: reuses a warm one when idle, starts another (up to the concurrency cap)
 * when all are busy, and queues what exceeds the cap — Lambda's scaling, on one machine.
 */
export class FunctionPool {
  private readonly containers = new Set<FunctionContainer>();
  private readonly queue: Pending[] = [];
  private starting = 0;
  private stopped = false;

  constructor(
    private readonly containerOptions: FunctionContainerOptions,
    private readonly maxConcurrency: number,
  ) {}

  invoke(event: unknown, timeoutMs: number): Promise<InvocationResult> {
    if (this.stopped) return Promise.resolve(stoppedResult);
    return new Promise((resolve) => {
      this.queue.push({ event, timeoutMs, resolve });
      this.dispatch();
    });
  }

  /** Number of live containers (for tests and the start-up report). */
  get size(): number {
    return this.containers.size;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const pending of this.queue.splice(0)) pending.resolve(stoppedResult);
    await Promise.all([...this.containers].map((c) => c.kill()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const idle = this.idleContainer();
      if (idle) {
        this.runOn(idle, this.queue.shift() as Pending);
        continue;
      }
      if (this.queue.length > this.starting && this.containers.size + this.starting < this.maxConcurrency) {
        this.startContainer();
        continue;
      }
      return;
    }
  }

  /** A container free to run now; a loop rather than a copy of the set, on every delivery's path. */
  private idleContainer(): FunctionContainer | undefined {
    for (const container of this.containers) if (container.idle) return container;
    return undefined;
  }

  private runOn(container: FunctionContainer, pending: Pending): void {
    void container.run(pending.event, pending.timeoutMs).then((result) => {
      pending.resolve(result);
      this.dispatch();
    });
  }

  private startContainer(): void {
    this.starting++;
    const container = new FunctionContainer(this.containerOptions);
    container.whenDead(() => {
      this.containers.delete(container);
      if (!this.stopped) this.dispatch();
    });
    void container.started.then((initError) => {
      this.starting--;
      if (this.stopped) {
        void container.kill();
        return;
      }
      if (initError) {
        // Lambda reports an init failure to the invocation that triggered it.
        this.queue.shift()?.resolve(initError);
        this.dispatch();
        return;
      }
      this.containers.add(container);
      this.dispatch();
    });
  }
}

const stoppedResult: InvocationResult = {
  ok: false,
  errorType: RUNTIME_ERRORS.stopped,
  errorMessage: 'The platform is stopping',
};
