import type { ModuleManifest } from '../../contracts/moduleManifest.ts';
import { isPlatformEnvName } from '../../contracts/platformEnvironment.ts';
import type { ModuleModel } from '../PlatformModel.ts';
import type { ModelSection } from './ModelSection.ts';

/** Module settings: declared once, never named like a variable the platform owns. Value: module → settings. */
export const configSection = (
  manifests: readonly ModuleManifest[],
): ModelSection<ReadonlyMap<string, ModuleModel['config']>> => {
  const problems: string[] = [];
  const settings = new Map<string, ModuleModel['config']>();
  for (const m of manifests) {
    const seen = new Set<string>();
    for (const c of m.config) {
      if (seen.has(c.name)) problems.push(`Module "${m.name}" declares setting ${c.name} twice: remove one.`);
      if (isPlatformEnvName(c.name)) {
        problems.push(
          `Module "${m.name}" declares setting ${c.name}, a name the platform sets itself: rename it.`,
        );
      }
      seen.add(c.name);
    }
    settings.set(
      m.name,
      m.config.map((c) => ({
        name: c.name,
        description: c.description,
        default: c.default ?? null,
        localDefault: c.localDefault ?? null,
      })),
    );
  }
  return { value: settings, problems };
};
