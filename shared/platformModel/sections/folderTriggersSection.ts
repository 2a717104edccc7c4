import type { ModuleManifest } from '../../contracts/moduleManifest.ts';
import { functionIdOf } from '../collectFunctions.ts';
import type { FolderTriggerModel } from '../PlatformModel.ts';
import type { ModelSection } from './ModelSection.ts';

/**
 * Folder triggers: unique per module, and rooted at a setting the module declares (the embedded platform sets
 * it on the module's functions, so it must be theirs).
 */
export const folderTriggersSection = (
  manifests: readonly ModuleManifest[],
): ModelSection<readonly FolderTriggerModel[]> => {
  const triggers: FolderTriggerModel[] = [];
  const problems: string[] = [];
  for (const m of manifests) {
    const ids = new Set<string>();
    for (const t of m.folderTriggers) {
      if (ids.has(t.id))
        problems.push(`Module "${m.name}" declares folder trigger "${t.id}" twice: rename one.`);
      ids.add(t.id);
      if (!m.config.some((c) => c.name === t.rootConfig)) {
        problems.push(
          `Module "${m.name}" folder trigger "${t.id}" reads its root from ${t.rootConfig}, which the module ` +
            `does not declare: add { name: '${t.rootConfig}', description } to its config.`,
        );
      }
      triggers.push({
        id: `${m.name}-${t.id}`,
        module: m.name,
        triggerId: t.id,
        rootConfig: t.rootConfig,
        localDir: t.localDir,
        description: t.description,
        functionId: functionIdOf(m.name, t.handler),
      });
    }
  }
  return { value: triggers, problems };
};
