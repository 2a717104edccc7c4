import type { ModuleManifest } from '../../contracts/moduleManifest.ts';
import { secretEnvVar } from '../../contracts/platformEnvironment.ts';
import type { SecretModel } from '../PlatformModel.ts';
import type { ModelSection } from './ModelSection.ts';

/** Secrets: unique per module. */
export const secretsSection = (
  manifests: readonly ModuleManifest[],
): ModelSection<readonly SecretModel[]> => {
  const secrets: SecretModel[] = [];
  const problems: string[] = [];
  for (const m of manifests) {
    const seen = new Set<string>();
    for (const s of m.secrets) {
      if (seen.has(s.name))
        problems.push(`Module "${m.name}" declares secret "${s.name}" twice: rename one.`);
      seen.add(s.name);
      secrets.push({
        id: `${m.name}-${s.name}`,
        module: m.name,
        name: s.name,
        description: s.description,
        envVar: secretEnvVar(s.name),
      });
    }
  }
  return { value: secrets, problems };
};
