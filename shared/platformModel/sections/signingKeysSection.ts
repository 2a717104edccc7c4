import type { ModuleManifest } from '../../contracts/moduleManifest.ts';
import { previousSigningKeyEnvVar, signingKeyEnvVar } from '../../contracts/platformEnvironment.ts';
import type { SigningKeyModel } from '../PlatformModel.ts';
import type { ModelSection } from './ModelSection.ts';

/** Signing keys: unique per module, and no two of a module's keys arriving in one variable. */
export const signingKeysSection = (
  manifests: readonly ModuleManifest[],
): ModelSection<readonly SigningKeyModel[]> => {
  const problems: string[] = [];
  const keys: SigningKeyModel[] = [];
  for (const m of manifests) {
    const names = new Set<string>();
    const envVars = new Set<string>();
    for (const k of m.signingKeys) {
      if (names.has(k.name)) {
        problems.push(`Module "${m.name}" declares signing key "${k.name}" twice: rename one.`);
        continue;
      }
      names.add(k.name);
      const envVar = signingKeyEnvVar(k.name);
      const previousEnvVar = previousSigningKeyEnvVar(k.name);
      // A key named `tokens-previous` would arrive in the variable of the previous generation of `tokens`.
      if (envVars.has(envVar) || envVars.has(previousEnvVar)) {
        problems.push(
          `Module "${m.name}" signing key "${k.name}" shares an environment variable with another of its keys: rename it.`,
        );
      }
      envVars.add(envVar).add(previousEnvVar);
      keys.push({
        id: `${m.name}-${k.name}`,
        module: m.name,
        name: k.name,
        algorithm: k.algorithm,
        description: k.description,
        envVar,
        generation: k.generation,
        previousEnvVar,
      });
    }
  }
  return { value: keys, problems };
};
