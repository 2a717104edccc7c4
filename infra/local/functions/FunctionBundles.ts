import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { ESM_REQUIRE_BANNER } from '../../../infra/aws/functionBundling.ts';
import { functionEntryPath } from '../../../shared/platformModel/functionEntryPath.ts';
import { repositoryRoot } from '../../../shared/platformModel/loadPlatformModel.ts';
import type { PlatformModel } from '../../../shared/platformModel/PlatformModel.ts';

const WORKER_SOURCE = fileURLToPath(new URL('./functionWorker.ts', import.meta.url));
const WORKER_ENTRY = '__functionWorker';

/** esbuild's target for the machine's own Node (the embedded platform runs on it, not on Lambda's). */
const LOCAL_TARGET = `node${process.versions.node.split('.')[0] ?? '20'}`;

/** The model's functions bundled for the embedded platform, as the CDK app bundles them for Lambda. */
export class FunctionBundles {
  private constructor(
    private readonly outDir: string,
    private readonly functionIds: ReadonlySet<string>,
  ) {}

  /**
   * Bundles every function of the model (and the container's worker) in one esbuild run, with code shared
   * between functions split into chunks. A container then loads one prepared file instead of transforming
   * and resolving a few hundred TypeScript and SDK modules: its cold start drops from most of a second to a
   * fraction, which is what kept a burst of first deliveries (a restart resuming hundreds) from starving a
   * machine's cores. Unlike the CDK bundles, the SDK is bundled too (Lambda's runtime has its own; Node here
   * would resolve it file by file) and nothing is minified: stack traces stay readable, through source maps.
   */
  static async build(model: PlatformModel, baseDir: string): Promise<FunctionBundles> {
    const outDir = await mkdtemp(path.join(tmpdir(), 'soleil-functions-'));
    const root = repositoryRoot();
    const entryPoints: Record<string, string> = { [WORKER_ENTRY]: WORKER_SOURCE };
    for (const fn of model.functions) entryPoints[fn.id] = functionEntryPath(fn, baseDir, root);
    try {
      await build({
        entryPoints,
        outdir: outDir,
        outExtension: { '.js': '.mjs' },
        bundle: true,
        splitting: true,
        format: 'esm',
        platform: 'node',
        target: LOCAL_TARGET,
        mainFields: ['module', 'main'],
        banner: { js: ESM_REQUIRE_BANNER },
        sourcemap: 'linked',
        sourcesContent: false,
        logLevel: 'silent',
      });
    } catch (error) {
      await rm(outDir, { recursive: true, force: true });
      throw new Error(`The functions could not be bundled: ${(error as Error).message}`);
    }
    return new FunctionBundles(outDir, new Set(model.functions.map((f) => f.id)));
  }

  /** `file:` URL of the container's worker script. */
  get workerUrl(): string {
    return this.urlOf(WORKER_ENTRY);
  }

  /** `file:` URL of a function's bundle. */
  entryUrl(functionId: string): string {
    if (!this.functionIds.has(functionId)) throw new Error(`No bundle for function ${functionId}`);
    return this.urlOf(functionId);
  }

  /** Deletes the bundles (the platform's stop; running containers have loaded theirs already). */
  remove(): Promise<void> {
    return rm(this.outDir, { recursive: true, force: true });
  }

  private urlOf(name: string): string {
    return pathToFileURL(path.join(this.outDir, `${name}.mjs`)).href;
  }
}
