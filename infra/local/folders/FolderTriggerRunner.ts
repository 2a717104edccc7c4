import { mkdir, readdir } from 'node:fs/promises';
import { SettledFolderWatcher } from '../../../shared/folderWatch/SettledFolderWatcher.ts';
import { isTransientFileName } from '../../../shared/folderWatch/transientFileNames.ts';
import type { FolderTriggerModel } from '../../../shared/platformModel/PlatformModel.ts';
import type { InvokeFunction } from '../shared/InvocationResult.ts';

/** The event a folder trigger's handler receives. */
export interface FolderTriggerEvent {
  readonly source: 'soleil.local.folder';
  readonly triggerId: string;
  /** The name of the folder, directly in the root, under which something changed. */
  readonly folder: string;
}

export interface FolderTriggerRunnerOptions {
  readonly triggers: readonly { readonly trigger: FolderTriggerModel; readonly rootDir: string }[];
  readonly invoke: InvokeFunction;
  /** Told when an invocation failed for good (after its retries). */
  readonly onFailure?: (triggerId: string, folder: string, errorType: string, errorMessage: string) => void;
  /** Waits between retries of a failed invocation. @default [500, 1000, 2000] */
  readonly retryDelaysMs?: readonly number[];
}

interface FolderState {
  running: boolean;
  /** A change came while the handler ran: run it once more when it ends. */
  again: boolean;
}

/**
 * Runs the model's folder triggers on the embedded platform, the local stand-in for a change notification
 * from outside (drive's Google Drive push channel): one `SettledFolderWatcher` per trigger, and for each
 * settled change the declared function is invoked with the folder's name. Invocations for one folder never
 * overlap (a change during one runs the handler once more after it); a failed one is retried a few times.
 * At start every existing folder is triggered once, so what changed while the platform was stopped is
 * noticed too.
 */
export class FolderTriggerRunner {
  private readonly watchers: SettledFolderWatcher[] = [];
  private readonly states = new Map<string, FolderState>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly options: FolderTriggerRunnerOptions) {}

  async start(): Promise<void> {
    for (const { trigger, rootDir } of this.options.triggers) {
      await mkdir(rootDir, { recursive: true });
      this.watchers.push(
        await SettledFolderWatcher.start({
          rootDir,
          onFolderChanged: (folder) => this.trigger(trigger, folder),
        }),
      );
      for (const entry of await readdir(rootDir, { withFileTypes: true })) {
        if (entry.isDirectory() && !isTransientFileName(entry.name)) this.trigger(trigger, entry.name);
      }
    }
  }

  /** Invokes the trigger's function for a folder now (what a settled change does). */
  trigger(trigger: FolderTriggerModel, folder: string): void {
    if (this.stopped) return;
    const key = `${trigger.id}/${folder}`;
    const state = this.states.get(key) ?? { running: false, again: false };
    this.states.set(key, state);
    if (state.running) {
      state.again = true;
      return;
    }
    state.running = true;
    const run = this.runUntilQuiet(trigger, folder, state).finally(() => {
      state.running = false;
      this.running.delete(run);
    });
    this.running.add(run);
  }

  /** Resolves once no invocation runs (tests wait on it). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const watcher of this.watchers.splice(0)) watcher.close();
    await this.idle();
  }

  private async runUntilQuiet(
    trigger: FolderTriggerModel,
    folder: string,
    state: FolderState,
  ): Promise<void> {
    do {
      state.again = false;
      await this.invokeWithRetries(trigger, folder);
    } while (state.again && !this.stopped);
  }

  private async invokeWithRetries(trigger: FolderTriggerModel, folder: string): Promise<void> {
    const event: FolderTriggerEvent = { source: 'soleil.local.folder', triggerId: trigger.triggerId, folder };
    const delays = this.options.retryDelaysMs ?? [500, 1000, 2000];
    for (let attempt = 0; ; attempt++) {
      const result = await this.options.invoke(trigger.functionId, event);
      if (result.ok) return;
      const delay = delays[attempt];
      if (delay === undefined || this.stopped) {
        this.options.onFailure?.(trigger.id, folder, result.errorType, result.errorMessage);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
