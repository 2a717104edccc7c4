import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FolderTriggerModel, PlatformModel } from '../../../shared/platformModel/PlatformModel.ts';

/** Where each folder trigger watches, and the settings that tell its module's functions. */
export interface FolderTriggerRoots {
  readonly triggers: readonly { readonly trigger: FolderTriggerModel; readonly rootDir: string }[];
  /** `rootConfig` → root folder, for the functions' environment. */
  readonly configValues: Readonly<Record<string, string>>;
  /** Removes the temporary roots made for a platform without a data folder. */
  cleanup(): Promise<void>;
}

/**
 * Resolves each folder trigger's root: the setting from the environment when set, else `<data dir>/<localDir>`;
 * a platform without a data folder (tests) gets a temporary folder, removed at stop. The folders are created.
 */
export const resolveFolderTriggerRoots = async (
  model: PlatformModel,
  context: { readonly dataDir: string | null; readonly env: NodeJS.ProcessEnv },
): Promise<FolderTriggerRoots> => {
  const temporary: string[] = [];
  const triggers: { trigger: FolderTriggerModel; rootDir: string }[] = [];
  const configValues: Record<string, string> = {};
  for (const trigger of model.folderTriggers ?? []) {
    const configured = context.env[trigger.rootConfig]?.trim();
    let rootDir: string;
    if (configured) rootDir = path.resolve(configured);
    else if (context.dataDir) rootDir = path.resolve(context.dataDir, trigger.localDir);
    else {
      rootDir = await mkdtemp(path.join(tmpdir(), `soleil-${trigger.localDir}-`));
      temporary.push(rootDir);
    }
    await mkdir(rootDir, { recursive: true });
    triggers.push({ trigger, rootDir });
    configValues[trigger.rootConfig] = rootDir;
  }
  return {
    triggers,
    configValues,
    cleanup: async () => {
      for (const dir of temporary) await rm(dir, { recursive: true, force: true });
    },
  };
};
