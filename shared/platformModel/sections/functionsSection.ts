import type { ModuleManifest } from '../../contracts/moduleManifest.ts';
import { collectFunctions } from '../collectFunctions.ts';
import type { FunctionModel, TableModel } from '../PlatformModel.ts';
import type { ModelSection } from './ModelSection.ts';

/**
 * One function per distinct handler, allowed its own module's tables only; every handler exists.
 *
 * @param handlerExists whether a handler's source file exists and exports it; omitted, nothing is checked
 */
export const functionsSection = (
  manifests: readonly ModuleManifest[],
  tables: readonly TableModel[],
  handlerExists?: (module: string, handlerRef: string) => boolean,
): ModelSection<readonly FunctionModel[]> => {
  const functions = manifests.flatMap((m) =>
    collectFunctions(
      m,
      tables.filter((t) => t.module === m.name).map((t) => t.id),
    ),
  );
  const problems = handlerExists
    ? functions
        .filter((fn) => !handlerExists(fn.module, fn.handler))
        .map(
          (fn) =>
            `Module "${fn.module}" names handler "${fn.handler}", but ${fn.entry} does not exist or does not export ` +
            `"${fn.exportName}": create it or fix the reference.`,
        )
    : [];
  return { value: functions, problems };
};
