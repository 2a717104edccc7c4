import path from 'node:path';
import { build } from 'esbuild';
import { deployedFunctions } from '../../infra/aws/deployedFunctions.ts';
import { BUNDLE_EXTERNALS, BUNDLE_TARGET, ESM_REQUIRE_BANNER } from '../../infra/aws/functionBundling.ts';
import { functionEntryPath } from '../../shared/platformModel/functionEntryPath.ts';
import type { PlatformModel } from '../../shared/platformModel/PlatformModel.ts';

/** What we aim each minified function bundle to stay under. */
export const BUNDLE_BUDGET_BYTES = 250 * 1024;

/** Bundles one entry exactly as infra/aws's NodejsFunction does, without writing; returns sizes (per package too). */
export const measureBundle = async (
  entry: string,
): Promise<{ bytes: number; largest: [string, number][]; packages: ReadonlyMap<string, number> }> => {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    minify: true,
    platform: 'node',
    target: BUNDLE_TARGET,
    format: 'esm',
    mainFields: ['module', 'main'],
    external: BUNDLE_EXTERNALS,
    banner: { js: ESM_REQUIRE_BANNER },
    outfile: 'index.mjs',
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0];
  const byPackage = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file.split('/').slice(0, 2).join('/');
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytesInOutput);
  }
  const largest = [...byPackage.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
  return { bytes: output?.bytes ?? 0, largest, packages: byPackage };
};

/**
 * Every function the CDK app deploys, plus the catalog writer, as entry files: what the budget applies to.
 * `sourceRoot` is the folder holding the model's `functions/` tree.
 */
export const bundleTargets = (model: PlatformModel, sourceRoot: string, repositoryRoot: string) => [
  ...deployedFunctions(model).map((fn) => ({
    id: fn.id,
    entry: functionEntryPath(fn, sourceRoot, repositoryRoot),
  })),
  { id: 'catalog-writer', entry: path.join(repositoryRoot, 'infra/aws/catalogWriter/handler.ts') },
];
