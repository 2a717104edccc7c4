import type { ModuleManifest } from '../../contracts/moduleManifest.ts';
import { bucketEnvVar } from '../../contracts/platformEnvironment.ts';
import type { BucketModel } from '../PlatformModel.ts';
import type { ModelSection } from './ModelSection.ts';

/** Buckets: unique per module. */
export const bucketsSection = (
  manifests: readonly ModuleManifest[],
): ModelSection<readonly BucketModel[]> => {
  const buckets: BucketModel[] = [];
  const problems: string[] = [];
  for (const m of manifests) {
    const seen = new Set<string>();
    for (const b of m.buckets) {
      if (seen.has(b.name))
        problems.push(`Module "${m.name}" declares bucket "${b.name}" twice: rename one.`);
      seen.add(b.name);
      buckets.push({
        id: `${m.name}-${b.name}`,
        module: m.name,
        name: b.name,
        description: b.description,
        expireAfterDays: b.expireAfterDays,
        envVar: bucketEnvVar(b.name),
      });
    }
  }
  return { value: buckets, problems };
};
