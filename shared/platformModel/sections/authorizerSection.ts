import type { ModuleManifest } from '../../contracts/moduleManifest.ts';
import { functionIdOf } from '../collectFunctions.ts';
import type { PlatformModel } from '../PlatformModel.ts';
import type { ModelSection } from './ModelSection.ts';

/** At most one module provides the authorizer of both edges. */
export const authorizerSection = (
  manifests: readonly ModuleManifest[],
): ModelSection<PlatformModel['authorizer']> => {
  const providers = manifests.filter((m) => m.authorizer);
  const problems =
    providers.length > 1
      ? [
          `Modules ${providers.map((m) => `"${m.name}"`).join(', ')} each declare an authorizer: only one may.`,
        ]
      : [];
  const provider = providers[0];
  return {
    value:
      provider?.authorizer !== undefined
        ? { module: provider.name, functionId: functionIdOf(provider.name, provider.authorizer.handler) }
        : null,
    problems,
  };
};
