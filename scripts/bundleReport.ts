import path from 'node:path';
import { build } from 'esbuild';
import { deployedFunctions } from '../infra/aws/deployedFunctions.ts';
import { BUNDLE_EXTERNALS, BUNDLE_TARGET, ESM_REQUIRE_BANNER } from '../infra/aws/functionBundling.ts';
import { loadPlatformModel, repositoryRoot } from '../shared/platformModel/loadPlatformModel.ts';

/** What we aim each minified function bundle to stay under. */
const BUDGET_BYTES = 250 * 1024;
const CATALOG_WRITER = { id: 'catalog-writer', entry: 'infra/aws/catalogWriter/handler.ts' };

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** Bundles one entry exactly as infra/aws's NodejsFunction does, without writing; returns sizes. */
const measure = async (entry: string): Promise<{ bytes: number; largest: [string, number][] }> => {
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
  return { bytes: output?.bytes ?? 0, largest };
};

/**
 * Prints each deployed function's minified bundle size (the same esbuild options as the CDK app), with the
 * three largest contributors. Usage: `npm run bundle-report [-- <functions dir>]`.
 */
const main = async (): Promise<void> => {
  const root = repositoryRoot();
  const functionsDir = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, 'functions');
  const model = await loadPlatformModel(functionsDir);
  const sourceRoot = path.dirname(functionsDir);
  const targets = [
    ...deployedFunctions(model).map((fn) => ({ id: fn.id, entry: path.join(sourceRoot, fn.entry) })),
    { id: CATALOG_WRITER.id, entry: path.join(root, CATALOG_WRITER.entry) },
  ];
  let over = 0;
  console.log(`${'function'.padEnd(36)} ${'minified'.padStart(10)}  largest parts`);
  for (const target of targets) {
    const { bytes, largest } = await measure(target.entry);
    if (bytes > BUDGET_BYTES) over++;
    const parts = largest.map(([name, size]) => `${name} ${kb(size)}`).join(', ');
    console.log(
      `${target.id.padEnd(36)} ${kb(bytes).padStart(10)}${bytes > BUDGET_BYTES ? ' !' : '  '} ${parts}`,
    );
  }
  console.log(
    over === 0
      ? `All ${targets.length} bundles are under ${kb(BUDGET_BYTES)}.`
      : `${over} of ${targets.length} bundles exceed ${kb(BUDGET_BYTES)} (marked !).`,
  );
};

await main();
