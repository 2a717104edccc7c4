import path from 'node:path';
import { removeDynamoDbPidFile, writeDynamoDbPidFile } from './dynamoDbPidFile.ts';
import { type DynamoDbLocal, type DynamoDbLocalExit, startDynamoDbLocal } from './startDynamoDbLocal.ts';

/** Waits before successive restart attempts: at once, then backing off to every 30 s while it keeps failing. */
const RESTART_DELAYS_MS = [0, 1_000, 2_000, 5_000, 10_000, 30_000] as const;

export interface DynamoDbLocalSupervisorOptions {
  /** Port to listen on, kept across restarts; a free one when omitted. */
  readonly port?: number;
  /** Folder for the database files (restarts reopen them); in memory when omitted. */
  readonly dataDir?: string;
  /** Where the running JVM's pid is kept, for the next start to clean up after a crash. */
  readonly pidFile?: string;
  /** Told of every exit, restart attempt and recovery. */
  readonly log: (line: string) => void;
  /** Waits between restart attempts. @default 0, 1, 2, 5, 10, then 30 s */
  readonly restartDelaysMs?: readonly number[];
}

/** Where DynamoDB Local stands: answering, restarting after an exit, or stopped on purpose. */
export type DynamoDbLocalState = 'up' | 'restarting' | 'stopped';

const describeExit = ({ code, signal }: DynamoDbLocalExit): string =>
  signal ? `killed by ${signal}` : `exit code ${code}`;

/**
 * DynamoDB Local under supervision: when its JVM exits without being asked to (a crash, an OOM kill, a
 * `kill -9`), the exit is logged and the JVM restarted on the same port with the same data, backing off
 * while restarts fail, so the platform recovers by itself. Handlers meanwhile see connection errors, which
 * the kit answers 503 with `Retry-After`.
 */
export class DynamoDbLocalSupervisor {
  private current: DynamoDbLocal;
  private status: DynamoDbLocalState = 'up';
  private restarts = 0;
  private wake: (() => void) | undefined;
  private waiters: (() => void)[] = [];
  private restarting: Promise<void> | undefined;
  private restore: (() => Promise<void>) | undefined;
  private readonly exitedInstances = new WeakSet<DynamoDbLocal>();

  private constructor(
    first: DynamoDbLocal,
    private readonly options: DynamoDbLocalSupervisorOptions,
  ) {
    this.current = first;
    this.watch(first);
  }

  /** Starts DynamoDB Local and supervises it. */
  static async start(options: DynamoDbLocalSupervisorOptions): Promise<DynamoDbLocalSupervisor> {
    const first = await startDynamoDbLocal({
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    });
    const supervisor = new DynamoDbLocalSupervisor(first, options);
    supervisor.recordPid(first);
    return supervisor;
  }

  get endpoint(): string {
    return this.current.endpoint;
  }

  get port(): number {
    return this.current.port;
  }

  /** The running JVM's pid (the last one's while restarting). */
  get pid(): number {
    return this.current.pid;
  }

  get state(): DynamoDbLocalState {
    return this.status;
  }

  /** How many times the JVM was restarted after an unexpected exit. */
  get restartCount(): number {
    return this.restarts;
  }

  /**
   * Runs `task` after each restart, before the database counts as back: the platform re-creates what an
   * in-memory database lost (tables, the service catalog). A failure is logged; the restart still counts.
   */
  afterEachRestart(task: () => Promise<void>): void {
    this.restore = task;
  }

  /** Resolves when DynamoDB Local answers (at once when it does now); tests wait on it. */
  whenUp(): Promise<void> {
    if (this.status !== 'restarting') return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Stops supervising, then the JVM. */
  async stop(): Promise<void> {
    this.status = 'stopped';
    this.wake?.();
    // A restart under way stops the JVM it was starting itself.
    await this.restarting;
    await this.current.stop();
    if (this.options.pidFile) removeDynamoDbPidFile(this.options.pidFile);
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private watch(instance: DynamoDbLocal): void {
    void instance.exited.then((exit) => {
      this.exitedInstances.add(instance);
      if (this.status === 'stopped' || instance !== this.current) return;
      this.status = 'restarting';
      this.options.log(
        `[dynamodb] DynamoDB Local (pid ${instance.pid}) exited unexpectedly (${describeExit(exit)}): ` +
          `restarting it on port ${instance.port}${this.options.dataDir ? ' with the same data' : ' (in memory: empty)'}`,
      );
      const run = this.restart(instance.port);
      this.restarting = run;
      void run.finally(() => {
        if (this.restarting === run) this.restarting = undefined;
      });
    });
  }

  private async restart(port: number): Promise<void> {
    const delays = this.options.restartDelaysMs ?? RESTART_DELAYS_MS;
    const startedAt = Date.now();
    for (let attempt = 0; this.status === 'restarting'; attempt++) {
      await this.pause(delays[Math.min(attempt, delays.length - 1)] ?? 0);
      if (this.status !== 'restarting') return;
      let instance: DynamoDbLocal;
      try {
        instance = await startDynamoDbLocal({
          port,
          ...(this.options.dataDir ? { dataDir: this.options.dataDir } : {}),
        });
      } catch (error) {
        this.options.log(
          `[dynamodb] restarting DynamoDB Local failed (attempt ${attempt + 1}): ${(error as Error).message}`,
        );
        continue;
      }
      if (this.status !== 'restarting') {
        await instance.stop();
        return;
      }
      this.current = instance;
      this.restarts++;
      this.recordPid(instance);
      this.watch(instance);
      await this.restore?.().catch((error: unknown) => {
        this.options.log(`[dynamodb] after the restart: ${(error as Error).message}`);
      });
      // Stopped meanwhile, or this JVM died already (its own restart is under way).
      if (this.status !== 'restarting' || this.exitedInstances.has(instance)) return;
      this.status = 'up';
      this.options.log(
        `[dynamodb] DynamoDB Local is back (pid ${instance.pid}, ${Date.now() - startedAt} ms after the exit)`,
      );
      for (const resolve of this.waiters.splice(0)) resolve();
    }
  }

  /** Waits `ms`, or less when a stop comes meanwhile. */
  private pause(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private recordPid(instance: DynamoDbLocal): void {
    if (!this.options.pidFile) return;
    writeDynamoDbPidFile(this.options.pidFile, {
      pid: instance.pid,
      port: instance.port,
      dbPath: this.options.dataDir ? path.resolve(this.options.dataDir) : null,
    });
  }
}
