import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BUNDLE_BUDGET_BYTES,
  bundleTargets,
  measureBundle,
} from '../../../../scripts/bundles/measureBundle.ts';
import { loadPlatformModel, repositoryRoot } from '../../../../shared/platformModel/loadPlatformModel.ts';

describe('Lambda bundles', () => {
  it('stay under the 250 KB budget (minified, bundled as the CDK app does), idempotency code only where used', async () => {
    const root = repositoryRoot();
    const targets = bundleTargets(await loadPlatformModel(), root, root);
    expect(targets.length).toBeGreaterThan(2);
    const sizes = await Promise.all(
      targets.map(async (t) => {
        const { bytes, packages } = await measureBundle(t.entry);
        return {
          id: t.id,
          kb: Math.round(bytes / 1024),
          idempotency: packages.has('@aws-lambda-powertools/idempotency'),
          // The kit's once-per-event guard, the one way a function should come to need Powertools idempotency.
          guarded: readFileSync(t.entry, 'utf8').includes('onceByEventId('),
        };
      }),
    );
    const over = sizes.filter((s) => s.kb * 1024 > BUNDLE_BUDGET_BYTES);
    expect(over, `over budget: ${JSON.stringify(over)}; see npm run bundle-report`).toEqual([]);
    // Powertools idempotency (~25 KB minified, which esbuild cannot drop once imported) only where it is used.
    expect(sizes.filter((s) => s.idempotency !== s.guarded).map((s) => s.id)).toEqual([]);
    expect(sizes.some((s) => s.idempotency)).toBe(true);
  }, 120_000);
});
