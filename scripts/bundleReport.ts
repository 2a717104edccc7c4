import path from 'node:path';
import { loadPlatformModel, repositoryRoot } from '../shared/platformModel/loadPlatformModel.ts';
import { BUNDLE_BUDGET_BYTES, bundleTargets, measureBundle } from './bundles/measureBundle.ts';

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * Prints each deployed function's minified bundle size (the same esbuild options as the CDK app), with the
 * three largest contributors. Usage: `npm run bundle-report [-- <functions dir>]`.
 */
const main = async (): Promise<void> => {
  const root = repositoryRoot();
  const functionsDir = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, 'functions');
  const model = await loadPlatformModel(functionsDir);
  const sourceRoot = path.dirname(functionsDir);
  const targets = bundleTargets(model, sourceRoot, root);
  let over = 0;
  console.log(`${'function'.padEnd(36)} ${'minified'.padStart(10)}  largest parts`);
  for (const target of targets) {
    const { bytes, largest } = await measureBundle(target.entry);
    if (bytes > BUNDLE_BUDGET_BYTES) over++;
    const parts = largest.map(([name, size]) => `${name} ${kb(size)}`).join(', ');
    console.log(
      `${target.id.padEnd(36)} ${kb(bytes).padStart(10)}${bytes > BUNDLE_BUDGET_BYTES ? ' !' : '  '} ${parts}`,
    );
  }
  console.log(
    over === 0
      ? `All ${targets.length} bundles are under ${kb(BUNDLE_BUDGET_BYTES)}.`
      : `${over} of ${targets.length} bundles exceed ${kb(BUNDLE_BUDGET_BYTES)} (marked !).`,
  );
  if (over > 0) process.exitCode = 1;
};

await main();
