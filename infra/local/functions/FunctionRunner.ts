import { pathToFileURL } from 'node:url';
import { functionEntryPath } from '../../../shared/platformModel/functionEntryPath.ts';
import { repositoryRoot } from '../../../shared/platformModel/loadPlatformModel.ts';
import type { PlatformModel } from '../../../shared/platformModel/PlatformModel.ts';
import {
  type InvocationResult,
  type InvokeFunction,
  type InvokeOptions,
  RUNTIME_ERRORS,
} from '../shared/InvocationResult.ts';
import { LOCAL_AWS_REGION, LOCAL_NAMES } from '../shared/localNames.ts';
import { FunctionPool } from './FunctionPool.ts';
import { type LocalEndpoints, localFunctionEnvironment } from './functionEnvironment.ts';

/** Containers per function unless overridden: enough to overlap I/O, few enough for a laptop's cores. */
const DEFAULT_MAX_CONCURRENCY = 4;

export interface FunctionRunnerOptions {
  readonly model: PlatformModel;
  readonly endpoints: LocalEndpoints;
  /** Folder the modules' `entry` paths are relative to (the repository root, or a fixture's root). */
  readonly baseDir: string;
  /** Whether functions' logs reach this process's stdout; `'silent'` keeps test output readable. */
  readonly output?: 'inherit' | 'silent';
  /** Containers per function at most; invocations beyond it queue. @default 4 */
  readonly maxConcurrency?: number;
  /** Timeout per function id, overriding the model's `timeoutSeconds`. */
  readonly timeoutMs?: Readonly<Record<string, number>>;
  /** Module settings the platform decided itself (e.g. a folder trigger's root), before the environment's. */
  readonly configValues?: Readonly<Record<string, string>>;
  /** Extra variables for every function (e.g. a probe for tests). */
  readonly extraEnv?: Readonly<Record<string, string>>;
  /** Folder (mode 0700) of the modules' signing-key folders, named to each module that declares a key. */
  readonly signingKeysDir?: string;
}

/**
 * Runs the model's functions like Lambda does: one pool of warm worker-thread containers per function,
 * created on first use, each with the function's own environment, a timeout and a concurrency cap.
 */
export class FunctionRunner {
  private readonly pools = new Map<string, FunctionPool>();
  private stopped = false;

  constructor(private readonly options: FunctionRunnerOptions) {}

  /** The runner's invoke, bound, to hand to servers and the router. */
  readonly invoke: InvokeFunction = (functionId, event, options) => this.run(functionId, event, options);

  /** Whether the model has a function of this id. */
  has(functionId: string): boolean {
    return this.options.model.functions.some((f) => f.id === functionId);
  }

  /** Live containers of a function (0 before its first invocation, or after a timeout). */
  containerCount(functionId: string): number {
    return this.pools.get(functionId)?.size ?? 0;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.pools.values()].map((p) => p.stop()));
    this.pools.clear();
  }

  private run(functionId: string, event: unknown, options: InvokeOptions = {}): Promise<InvocationResult> {
    const fn = this.options.model.functions.find((f) => f.id === functionId);
    if (!fn) {
      return Promise.resolve({
        ok: false,
        errorType: RUNTIME_ERRORS.unknownFunction,
        errorMessage: `Function not found: ${functionId}`,
      });
    }
    if (this.stopped) {
      return Promise.resolve({
        ok: false,
        errorType: RUNTIME_ERRORS.stopped,
        errorMessage: 'The platform is stopping',
      });
    }
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs?.[functionId] ?? fn.timeoutSeconds * 1000;
    let pool = this.pools.get(functionId);
    if (!pool) {
      pool = new FunctionPool(
        {
          boot: {
            handlerUrl: pathToFileURL(functionEntryPath(fn, this.options.baseDir, repositoryRoot())).href,
            exportName: fn.exportName,
            functionName: fn.id,
            memoryMb: fn.memoryMb,
            region: LOCAL_AWS_REGION,
            account: LOCAL_NAMES.account,
          },
          env: localFunctionEnvironment(
            this.options.model,
            fn,
            this.options.endpoints,
            this.options.extraEnv,
            this.options.signingKeysDir,
            this.options.configValues,
          ),
          output: this.options.output ?? 'inherit',
        },
        this.options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
      );
      this.pools.set(functionId, pool);
    }
    return pool.invoke(event, timeoutMs);
  }
}
