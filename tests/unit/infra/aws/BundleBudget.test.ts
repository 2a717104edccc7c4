import { describe, expect, it } from 'vitest';
import {
  BUNDLE_BUDGET_BYTES,
  bundleTargets,
  measureBundle,
} from '../../../../scripts/bundles/measureBundle.ts';
import { loadPlatformModel, repositoryRoot } from '../../../../shared/platformModel/loadPlatformModel.ts';

describe('Lambda bundles', () => {
  it('stay under the 250 KB budget (minified, bundled as the CDK app does)', async () => {
    const root = repositoryRoot();
    const targets = bundleTargets(await loadPlatformModel(), root, root);
    expect(targets.length).toBeGreaterThan(2);
    const sizes = await Promise.all(
      targets.map(async (t) => ({ id: t.id, kb: Math.round((await measureBundle(t.entry)).bytes / 1024) })),
    );
    const over = sizes.filter((s) => s.kb * 1024 > BUNDLE_BUDGET_BYTES);
    expect(over, `over budget: ${JSON.stringify(over)}; see npm run bundle-report`).toEqual([]);
  }, 120_000);
});
