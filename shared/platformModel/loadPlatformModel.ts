import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { eventContracts } from '../contracts/eventCatalog.ts';
import type { ModuleManifest } from '../contracts/moduleManifest.ts';
import { validateEventPattern } from '../eventPatterns/index.ts';
import { buildPlatformModel } from './buildPlatformModel.ts';
import { splitHandlerRef } from './collectFunctions.ts';
import type { PlatformModel } from './PlatformModel.ts';
import { PlatformModelError } from './PlatformModelError.ts';

/** The repository root, found from this file so callers need not pass it. */
export const repositoryRoot = (): string => path.resolve(import.meta.dirname, '..', '..');

/** Reads a handler file and checks it exports the name (statically, so nothing runs at load). */
const handlerExistsIn =
  (functionsDir: string) =>
  (module: string, ref: string): boolean => {
    const { file, exportName } = splitHandlerRef(ref);
    const source = path.join(functionsDir, module, `${file}.ts`);
    if (!existsSync(source)) return false;
    const text = readFileSync(source, 'utf8');
    return new RegExp(`export\\s+(const|async\\s+function|function|let)\\s+${exportName}\\b`).test(text);
  };

/** Imports every `functions/<module>/module.ts` of a folder; the default export is the manifest. */
export const loadManifests = async (functionsDir: string): Promise<ModuleManifest[]> => {
  const folders = readdirSync(functionsDir, { withFileTypes: true })
    // A symlinked module folder counts: test fixtures put real modules beside fixture ones that way.
    .filter(
      (d) =>
        (d.isDirectory() || d.isSymbolicLink()) && existsSync(path.join(functionsDir, d.name, 'module.ts')),
    )
    .map((d) => d.name)
    .sort();
  const manifests: ModuleManifest[] = [];
  const problems: string[] = [];
  for (const folder of folders) {
    const imported = (await import(pathToFileURL(path.join(functionsDir, folder, 'module.ts')).href)) as {
      default?: ModuleManifest;
    };
    if (!imported.default) {
      problems.push(
        `functions/${folder}/module.ts must export its manifest as default: export default defineModule(...)`,
      );
    } else if (imported.default.name !== folder) {
      problems.push(
        `functions/${folder}/module.ts declares module "${imported.default.name}": a module's name is its folder's name.`,
      );
    } else {
      manifests.push(imported.default);
    }
  }
  if (problems.length > 0) throw new PlatformModelError(problems);
  return manifests;
};

/** Loads and validates the platform model from a functions folder (default: this repository's). */
export const loadPlatformModel = async (
  functionsDir = path.join(repositoryRoot(), 'functions'),
): Promise<PlatformModel> =>
  buildPlatformModel(await loadManifests(functionsDir), {
    eventContracts,
    handlerExists: handlerExistsIn(functionsDir),
    validatePattern: validateEventPattern,
  });
