import type { PlatformModel } from '../../../shared/platformModel/PlatformModel.ts';
import {
  type InvocationResult,
  type InvokeFunction,
  type InvokeOptions,
  RUNTIME_ERRORS,
} from '../shared/InvocationResult.ts';
import { LOCAL_AWS_REGION, LOCAL_NAMES } from '../shared/localNames.ts';
import { FunctionBundles } from './FunctionBundles.ts';
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
  /**
   * The model's functions, bundled (startPlatform starts the build early, beside DynamoDB Local's start);
   * without it the runner bundles them at its first invocation.
   */
  readonly bundles?: Promise<FunctionBundles>;
}

/**
 * Runs the model's functions like Lambda does: one pool of warm worker-thread containers per function,
 * created on first use, each with the function's own environment, a timeout and a concurrency cap.
 */
export class FunctionRunner {
  private readonly pools = new Map<string, FunctionPool>();
  private stopped = false;
  private bundles: Promise<FunctionBundles> | null;
  private ready: FunctionBundles | null = null;

  constructor(private readonly options: FunctionRunnerOptions) {
    this.bundles = options.bundles ?? null;
  }

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

  /** Resolves once the functions are bundled; rejects with esbuild's errors when they cannot be. */
  async prepare(): Promise<void> {
    this.bundles ??= FunctionBundles.build(this.options.model, this.options.baseDir);
    this.ready = await this.bundles;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.pools.values()].map((p) => p.stop()));
    this.pools.clear();
    const bundles = this.bundles;
    this.bundles = null;
    await bundles?.then(
      (b) => b.remove(),
      () => undefined,
    );
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
    if (!this.ready) {
      // Lambda reports code that cannot load as the invocation's init error.
      return this.prepare().then(
        () => this.run(functionId, event, options),
        (error: unknown): InvocationResult => ({
          ok: false,
          errorType: RUNTIME_ERRORS.init,
          errorMessage: (error as Error).message,
        }),
      );
    }
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs?.[functionId] ?? fn.timeoutSeconds * 1000;
    let pool = this.pools.get(functionId);
    if (!pool) {
      pool = new FunctionPool(
        {
          boot: {
            handlerUrl: this.ready.entryUrl(fn.id),
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
          workerUrl: this.ready.workerUrl,
          output: this.options.output ?? 'inherit',
        },
        this.options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
      );
      this.pools.set(functionId, pool);
    }
    return pool.invoke(event, timeoutMs);
  }
}
