import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { type InvocationResult, RUNTIME_ERRORS, timeoutMessage } from '../shared/InvocationResult.ts';
import type { InvokeMessage, WorkerBootData, WorkerMessage } from './workerMessages.ts';

// The worker and the handler are bundles (FunctionBundles): plain ESM, source maps for readable stack traces.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
process.setSourceMapsEnabled(true);
import(workerData.workerUrl);
`;

/** How long Lambda lets a function's init phase run. */
const INIT_TIMEOUT_MS = 10_000;

export interface FunctionContainerOptions {
  readonly boot: WorkerBootData;
  /** `file:` URL of the bundled worker script (FunctionBundles.workerUrl). */
  readonly workerUrl: string;
  readonly env: Record<string, string>;
  /** Whether the function's stdout/stderr reach this process's (they do on `npm start`, not in tests). */
  readonly output: 'inherit' | 'silent';
}

type Settle = (result: InvocationResult) => void;

/**
 * One warm Lambda-like container: a worker thread with its own environment that loads the handler once
 * and runs one invocation at a time. A timeout or crash kills it; the runner then starts a fresh one.
 */
export class FunctionContainer {
  /** Resolves when the handler is loaded; to an error result when it could not be. */
  readonly started: Promise<InvocationResult | null>;
  private readonly worker: Worker;
  private inFlight: { requestId: string; settle: Settle; timer: NodeJS.Timeout } | null = null;
  private dead = false;
  private onDeath: (() => void) | null = null;

  constructor(options: FunctionContainerOptions) {
    this.worker = new Worker(BOOTSTRAP, {
      eval: true,
      env: options.env,
      workerData: { ...options.boot, workerUrl: options.workerUrl },
      resourceLimits: { maxOldGenerationSizeMb: options.boot.memoryMb },
      stdout: options.output === 'silent',
      stderr: options.output === 'silent',
    });
    if (options.output === 'silent') {
      this.worker.stdout.resume();
      this.worker.stderr.resume();
    }
    this.started = new Promise((resolve) => {
      const initTimer = setTimeout(() => {
        resolve({
          ok: false,
          errorType: RUNTIME_ERRORS.init,
          errorMessage: `Init timed out after ${INIT_TIMEOUT_MS} ms`,
        });
        void this.kill();
      }, INIT_TIMEOUT_MS);
      this.worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          clearTimeout(initTimer);
          resolve(null);
        } else if (message.type === 'init-error') {
          clearTimeout(initTimer);
          resolve({ ok: false, errorType: message.errorType, errorMessage: message.errorMessage });
          void this.kill();
        } else {
          this.settle(message.requestId, this.toResult(message));
        }
      });
      const fail = (errorMessage: string): void => {
        clearTimeout(initTimer);
        resolve({ ok: false, errorType: RUNTIME_ERRORS.exit, errorMessage });
        this.markDead({ ok: false, errorType: RUNTIME_ERRORS.exit, errorMessage });
      };
      this.worker.on('error', (error) => fail(`Runtime exited with error: ${error.message}`));
      this.worker.on('exit', (code) => fail(`Runtime exited with status ${code}`));
    });
  }

  /** Whether the container can take an invocation now. */
  get idle(): boolean {
    return !this.dead && this.inFlight === null;
  }

  get alive(): boolean {
    return !this.dead;
  }

  /** Called once when the container dies (crash, timeout, stop), so its pool can drop it. */
  whenDead(callback: () => void): void {
    this.onDeath = callback;
    if (this.dead) callback();
  }

  /** Runs one invocation; the container must be idle. */
  run(event: unknown, timeoutMs: number): Promise<InvocationResult> {
    const requestId = randomUUID();
    let payload: string;
    try {
      payload = JSON.stringify(event ?? null);
    } catch (error) {
      // What Lambda's Invoke answers for a payload that is not JSON; the container stays idle and warm.
      return Promise.resolve({
        ok: false,
        errorType: 'InvalidRequestContentException',
        errorMessage: `Could not serialise the event as JSON: ${(error as Error).message}`,
      });
    }
    return new Promise<InvocationResult>((resolve) => {
      const timer = setTimeout(() => {
        // Like Lambda: the stuck runtime is thrown away, the next invocation gets a fresh container.
        this.settle(requestId, {
          ok: false,
          errorType: RUNTIME_ERRORS.timeout,
          errorMessage: timeoutMessage(timeoutMs),
        });
        void this.kill();
      }, timeoutMs);
      this.inFlight = { requestId, settle: resolve, timer };
      const message: InvokeMessage = {
        type: 'invoke',
        requestId,
        payload,
        deadline: Date.now() + timeoutMs,
      };
      this.worker.postMessage(message);
    });
  }

  async kill(): Promise<void> {
    this.markDead({
      ok: false,
      errorType: RUNTIME_ERRORS.stopped,
      errorMessage: 'The function container was stopped',
    });
    await this.worker.terminate();
  }

  private toResult(message: Extract<WorkerMessage, { requestId: string }>): InvocationResult {
    if (message.type === 'result') return { ok: true, result: JSON.parse(message.payload) };
    return { ok: false, errorType: message.errorType, errorMessage: message.errorMessage };
  }

  private settle(requestId: string, result: InvocationResult): void {
    const current = this.inFlight;
    if (!current || current.requestId !== requestId) return;
    clearTimeout(current.timer);
    this.inFlight = null;
    current.settle(result);
  }

  private markDead(result: InvocationResult): void {
    if (this.inFlight) this.settle(this.inFlight.requestId, result);
    if (this.dead) return;
    this.dead = true;
    this.onDeath?.();
  }
}
