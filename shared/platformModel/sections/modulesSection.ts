import type { ModuleManifest } from '../../contracts/moduleManifest.ts';
import { functionIdOf } from '../collectFunctions.ts';
import type { ModuleModel } from '../PlatformModel.ts';
import type { ModelSection } from './ModelSection.ts';

/**
 * Modules: names unique (two manifests of one name would render over each other).
 *
 * @param settings module → its settings (the config section's value)
 */
export const modulesSection = (
  manifests: readonly ModuleManifest[],
  settings: ReadonlyMap<string, ModuleModel['config']>,
): ModelSection<readonly ModuleModel[]> => {
  const problems: string[] = [];
  const names = new Set<string>();
  for (const m of manifests) {
    if (names.has(m.name)) problems.push(`Module "${m.name}" is declared twice: rename one of them.`);
    names.add(m.name);
  }
  const modules = manifests.map((m) => ({
    name: m.name,
    version: m.version,
    description: m.description,
    critical: m.critical,
    dependencies: [...new Set(m.uses.map((u) => u.module))].sort(),
    uses: m.uses.map((u) => ({ module: u.module, service: u.service })),
    publishes: [...m.publishes],
    subscribes: [...new Set(m.subscriptions.flatMap((s) => s.events))],
    healthFunctionId: functionIdOf(m.name, m.health.handler),
    outbox: m.outbox,
    config: settings.get(m.name) ?? [],
  }));
  return { value: modules, problems };
};
